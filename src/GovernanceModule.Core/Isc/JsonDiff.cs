using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using JsonDiffPatchDotNet;
using JsonDiffPatchDotNet.Formatters.JsonPatch;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// The RFC 6902 operations that turn one document into another, from JsonDiffPatch.Net's diff and its JSON Patch
    /// formatter. The formatter joins member names into paths without RFC 6901 escaping, so names are escaped before
    /// the diff and unescaped again inside the values the operations carry.
    /// </summary>
    public static class JsonDiff
    {
        public static IReadOnlyList<JsonPatchOperation> Operations(JToken from, JToken to)
        {
            NewtonsoftBinding.Install();
            return Diff(from, to);
        }

        /// <summary>Kept apart from <see cref="Operations"/> so that it is compiled only after the binding fix is in place.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IReadOnlyList<JsonPatchOperation> Diff(JToken from, JToken to)
        {
            var differ = new JsonDiffPatch(new Options { ArrayDiff = ArrayDiffMode.Efficient, TextDiff = TextDiffMode.Simple });
            var delta = differ.Diff(EscapeNames(from), EscapeNames(to));
            if (delta == null)
            {
                return Array.Empty<JsonPatchOperation>();
            }

            return new JsonDeltaFormatter().Format(delta).Select(ToOperation).ToList();
        }

        private static JsonPatchOperation ToOperation(Operation operation)
        {
            var input = new Dictionary<string, object?> { ["op"] = operation.Op, ["path"] = operation.Path };
            if (operation.Op == "add" || operation.Op == "replace")
            {
                input["value"] = UnescapeNames(operation.Value as JToken ?? (operation.Value == null ? JValue.CreateNull() : JToken.FromObject(operation.Value)));
            }

            if (operation.From != null)
            {
                input["from"] = operation.From;
            }

            // Re-read through the same checks as a caller's operation: a formatter bug fails here, not at the server.
            return JsonPatchOperation.Parse(input, "The computed operation " + operation.Op + " " + operation.Path);
        }

        private static JToken EscapeNames(JToken token) => RenameMembers(token, JsonPatchOperation.Escape);

        private static JToken UnescapeNames(JToken token) => RenameMembers(token, name => name.Replace("~1", "/").Replace("~0", "~"));

        private static JToken RenameMembers(JToken token, Func<string, string> rename)
        {
            switch (token)
            {
                case JObject obj:
                    var renamed = new JObject();
                    foreach (var property in obj.Properties())
                    {
                        renamed[rename(property.Name)] = RenameMembers(property.Value, rename);
                    }

                    return renamed;
                case JArray array:
                    return new JArray(array.Select(item => RenameMembers(item, rename)));
                default:
                    return token.DeepClone();
            }
        }
    }
}
