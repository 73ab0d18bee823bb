using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Isc
{
    /// <summary>What became of one policy update: its result and, when it failed, why, so the cmdlet can write a fitting error.</summary>
    public sealed class ProvisioningPolicyOutcome : IItemOutcome
    {
        /// <summary>Why the update failed, made once where the client found it; null when it succeeded.</summary>
        private readonly ItemFailure? failed;

        private ProvisioningPolicyOutcome(ProvisioningPolicyUpdate update, PolicyEditResult result, ItemFailure? failed)
        {
            Update = update;
            Result = result;
            this.failed = failed;
        }

        public ProvisioningPolicyUpdate Update { get; }

        /// <summary>Every update that reached the server has its result written, a failed one too.</summary>
        public PolicyEditResult Result { get; }

        /// <summary>Null when the update succeeded.</summary>
        public ApiFailure? Failure => failed?.Kind;

        /// <summary>Why it failed, naming the policy; null when it succeeded.</summary>
        public string? Reason => failed?.Reason;

        /// <summary>The server's response body when it explains the failure.</summary>
        public string? ErrorDetails => failed?.ResponseBody;

        object? IItemOutcome.Written => Result;

        ItemFailure? IItemOutcome.Failed => failed;

        /// <summary>The policy as the server stored it, or, with no policy, unchanged because it already was as asked.</summary>
        public static ProvisioningPolicyOutcome Succeeded(ProvisioningPolicyUpdate update, StoredPolicy? policy)
        {
            var edit = update.Edit;
            var result = policy != null
                ? new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Updated, update.Patch.ToJson(), policy)
                : new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Unchanged, update.Patch.ToJson(), reason: "The policy already is as asked; nothing was sent.");
            return new ProvisioningPolicyOutcome(update, result, null);
        }

        /// <summary>An update that failed as <paramref name="failure"/> says; its result says why, with ISC's trackingId.</summary>
        public static ProvisioningPolicyOutcome Failed(ProvisioningPolicyUpdate update, ItemFailure failure)
        {
            var status = failure.Kind == ApiFailure.ChangedSinceRead ? PolicyEditStatus.ChangedSinceRead : PolicyEditStatus.Failed;
            var result = new PolicyEditResult(update.Edit.SourceId, update.Edit.UsageType, status, update.Patch.ToJson(), reason: failure.Reason, trackingId: failure.TrackingId);
            return new ProvisioningPolicyOutcome(update, result, failure);
        }
    }
}
