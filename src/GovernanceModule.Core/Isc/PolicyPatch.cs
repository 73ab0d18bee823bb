using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// The JSON Patch one edit sends: leading test operations (guards) that pin what the edit was computed from, then
    /// the changes. The server applies it atomically, so a failed guard means nothing was changed.
    /// </summary>
    public sealed class PolicyPatch
    {
        public PolicyPatch(IReadOnlyList<JsonPatchOperation> guards, IReadOnlyList<JsonPatchOperation> changes)
        {
            Guards = guards;
            Changes = changes;
        }

        public IReadOnlyList<JsonPatchOperation> Guards { get; }

        public IReadOnlyList<JsonPatchOperation> Changes { get; }

        /// <summary>What is sent, in order: guards first.</summary>
        public IReadOnlyList<JsonPatchOperation> Operations => Guards.Concat(Changes).ToList();

        /// <summary>True when there is nothing to change (guards alone are not sent).</summary>
        public bool IsEmpty => Changes.Count == 0;

        /// <summary>
        /// True when sending the patch twice leaves the policy as sending it once and gets the same answer: only
        /// replace operations and adds to an object member. An add to an array position ("/fields/-", "/fields/2"),
        /// a remove, move or copy would apply again; a test would fail the second time, after the first applied.
        /// Only such a patch is re-sent after an answer that leaves open whether the server applied it.
        /// </summary>
        public bool IsIdempotent => Operations.All(o => o.Op == "replace" || (o.Op == "add" && !IsArrayPosition(o.Path)));

        /// <summary>The request body, compact.</summary>
        public string ToJson() => JsonPatchOperation.ToJson(Operations);

        /// <summary>
        /// The test operations (the guards and any the caller wrote) that fail against <paramref name="current"/>: after a
        /// refused patch, a failing one shows that the policy changed since it was read.
        /// </summary>
        public IReadOnlyList<JsonPatchOperation> FailingTests(JObject current) =>
            Operations.Where(o => o.IsTest && !(JsonPointerReader.TryResolve(current, o.Path, out var actual) && IscJson.JsonEquals(actual, o.Value))).ToList();

        public override string ToString() => ToJson();

        private static bool IsArrayPosition(string pointer)
        {
            var last = pointer.Substring(pointer.LastIndexOf('/') + 1);
            return last == "-" || (last.Length > 0 && last.All(char.IsDigit));
        }
    }
}
