using GovernanceModule.Core.Results;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// A provisioning policy as the server stored it after an edit, as a PolicyEditResult carries it: a policy like any
    /// other (members, format view, piped back to Edit-ProvisioningPolicy), that Export-Csv writes as its compact JSON
    /// document rather than as a name, since Export-Csv writes a member's ToString().
    /// </summary>
    public sealed class StoredPolicy : ProvisioningPolicy, IExportedAsText
    {
        public override string ToString() => PolicyJson.ToJson(this).ToString(Formatting.None);

        /// <summary>The policy of source <paramref name="sourceId"/> whose <see cref="ToString"/> is <paramref name="text"/>. Throws <see cref="JsonException"/> for text that is not a JSON object.</summary>
        public static StoredPolicy Parse(string text, string sourceId) =>
            PolicyJson.ToPolicy<StoredPolicy>(IscJson.Parse(text) as JObject ?? throw new JsonReaderException("A policy is a JSON object: " + text), sourceId);
    }
}
