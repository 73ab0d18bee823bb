using Newtonsoft.Json;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// A provisioning policy as the server stored it after an edit, as a PolicyEditResult carries it: a policy like any
    /// other (members, format view, piped back to Edit-ProvisioningPolicy), that Export-Csv writes as its compact JSON
    /// document rather than as a name, since Export-Csv writes a member's ToString().
    /// </summary>
    public sealed class StoredPolicy : ProvisioningPolicy
    {
        public override string ToString() => PolicyJson.ToJson(this).ToString(Formatting.None);
    }
}
