using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// A changed policy object, diffed against the current policy. A policy read with Get-ProvisioningPolicy that the
    /// server has changed since is not sent, so that no one's change is overwritten.
    /// </summary>
    public sealed class PolicyObjectEdit : PolicyEdit
    {
        internal PolicyObjectEdit(ProvisioningPolicy desired, bool allowUndocumentedUsageType)
            : base(UsageTypeKept(desired).SourceId, desired.UsageType, allowUndocumentedUsageType)
        {
            var fields = desired.Fields ?? new List<ProvisioningPolicyField>();
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                var notJson = field == null ? null : JsonPatchOperation.NotJson(field.Transform) ?? JsonPatchOperation.NotJson(field.Attributes);
                if (field != null && notJson != null)
                {
                    throw new InputValidationException(
                        "InputObject",
                        "Field " + (i + 1) + " (" + field.Name + ") of the " + Target + " holds " + notJson + " in its Transform or Attributes, which has no JSON form. Use text, numbers, $true/$false, hashtables and arrays of those.");
                }
            }

            Desired = desired;
        }

        public ProvisioningPolicy Desired { get; }

        private static ProvisioningPolicy UsageTypeKept(ProvisioningPolicy desired)
        {
            var readAs = desired.AsRead?.Value<string?>("usageType");
            if (readAs != null && !string.Equals(readAs, desired.UsageType, StringComparison.Ordinal))
            {
                throw new InputValidationException("InputObject", "The UsageType of a policy cannot be changed (it was read as " + readAs + " and is now " + desired.UsageType + ").");
            }

            return desired;
        }

        internal override async Task<ProvisioningPolicyUpdate> PlanAsync(Func<CancellationToken, Task<JObject>> readCurrent, CancellationToken cancellationToken)
        {
            var current = await readCurrent(cancellationToken).ConfigureAwait(false);
            var patch = PolicyPatchBuilder.ForDesired(current, PolicyJson.ToJson(Desired));
            return Desired.AsRead != null && !IscJson.JsonEquals(Desired.AsRead, current)
                ? new ProvisioningPolicyUpdate(this, patch, "changed since it was read; nothing was sent. Read it again with Get-ProvisioningPolicy, make the change again, and send that.")
                : new ProvisioningPolicyUpdate(this, patch);
        }
    }
}
