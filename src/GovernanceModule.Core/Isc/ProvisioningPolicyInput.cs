using System.Collections.Generic;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// One policy edit as the caller gave it, before validation: a changed policy object, else JSON Patch operations,
    /// else named changes (Name, Description, SetFields, RemoveFields) of the policy named by SourceId and UsageType.
    /// </summary>
    public sealed class ProvisioningPolicyInput
    {
        public string? SourceId { get; set; }

        public string? UsageType { get; set; }

        /// <summary>Send a usage type outside the 16 documented ones.</summary>
        public bool AllowUndocumentedUsageType { get; set; }

        /// <summary>JSON Patch operations as dictionaries of op, path, value, from.</summary>
        public IEnumerable<object?>? Operations { get; set; }

        /// <summary>The new name; null when not given.</summary>
        public string? Name { get; set; }

        /// <summary>The new description; null when not given, empty to remove it.</summary>
        public string? Description { get; set; }

        /// <summary>Fields to set, matched by name: fields from Get-ProvisioningPolicy or dictionaries of the members to change.</summary>
        public IList<object?>? SetFields { get; set; }

        /// <summary>Names of fields to remove.</summary>
        public IList<string>? RemoveFields { get; set; }

        /// <summary>A policy from Get-ProvisioningPolicy changed in place; it names its own source and usage type.</summary>
        public ProvisioningPolicy? Policy { get; set; }
    }
}
