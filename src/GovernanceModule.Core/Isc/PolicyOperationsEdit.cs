using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>JSON Patch operations the caller wrote, sent as they are: no read of the current policy.</summary>
    public sealed class PolicyOperationsEdit : PolicyEdit
    {
        internal PolicyOperationsEdit(string? sourceId, string? usageType, bool allowUndocumentedUsageType, IEnumerable<object?> operations)
            : base(sourceId, usageType, allowUndocumentedUsageType)
        {
            Operations = (operations ?? Array.Empty<object?>()).Select((o, i) => JsonPatchOperation.Parse(o, "Operation " + i)).ToList();
            if (Operations.Count == 0)
            {
                throw new InputValidationException("Operation", "-Operation holds no operation. Give at least one, such as @{op = 'replace'; path = '/description'; value = 'New'}.");
            }
        }

        public IReadOnlyList<JsonPatchOperation> Operations { get; }

        internal override Task<ProvisioningPolicyUpdate> PlanAsync(Func<CancellationToken, Task<JObject>> readCurrent, CancellationToken cancellationToken) =>
            Task.FromResult(new ProvisioningPolicyUpdate(this, new PolicyPatch(Array.Empty<JsonPatchOperation>(), Operations)));
    }
}
