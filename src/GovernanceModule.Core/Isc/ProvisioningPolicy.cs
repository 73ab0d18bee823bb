using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// A provisioning policy of a source (ProvisioningPolicyDto) as Get-ProvisioningPolicy returns it. Change it in
    /// place and pipe it to Edit-ProvisioningPolicy: the copy kept as read lets the edit refuse to overwrite a
    /// change someone else made since. SourceId and UsageType bind to Edit-ProvisioningPolicy by property name.
    /// </summary>
    public class ProvisioningPolicy
    {
        public string SourceId { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string? Description { get; set; }

        /// <summary>CREATE, UPDATE, ENABLE, DISABLE, …; kept as a string, since tenants hold undocumented types.</summary>
        public string UsageType { get; set; } = string.Empty;

        public List<ProvisioningPolicyField> Fields { get; set; } = new List<ProvisioningPolicyField>();

        /// <summary>The document as the server sent it; null for a policy built by hand.</summary>
        internal JObject? AsRead { get; set; }

        internal IDictionary<string, JToken> OtherMembers { get; } = new Dictionary<string, JToken>();

        public override string ToString() => UsageType + " policy of source " + SourceId;
    }
}
