using System;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>Named changes (name, description, fields to set or remove), resolved against the current policy.</summary>
    public sealed class PolicyChangesEdit : PolicyEdit
    {
        internal PolicyChangesEdit(string? sourceId, string? usageType, bool allowUndocumentedUsageType, PolicyChanges changes)
            : base(sourceId, usageType, allowUndocumentedUsageType)
        {
            if (changes.IsEmpty)
            {
                throw new InputValidationException("Name", "Nothing to change: give -Name or -Description (or CSV columns Name, Description), -SetField or -RemoveField, or use -Operation or -InputObject.");
            }

            Changes = changes;
        }

        public PolicyChanges Changes { get; }

        internal override async Task<ProvisioningPolicyUpdate> PlanAsync(Func<CancellationToken, Task<JObject>> readCurrent, CancellationToken cancellationToken) =>
            new ProvisioningPolicyUpdate(this, PolicyPatchBuilder.ForChanges(await readCurrent(cancellationToken).ConfigureAwait(false), Changes));
    }
}
