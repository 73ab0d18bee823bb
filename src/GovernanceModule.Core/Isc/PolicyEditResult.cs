using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Results;

namespace GovernanceModule.Core.Isc
{
    public enum PolicyEditStatus
    {
        Updated,

        /// <summary>The policy already was as asked; nothing was sent.</summary>
        Unchanged,

        /// <summary>Someone changed the policy since it was read; nothing was overwritten.</summary>
        ChangedSinceRead,

        Failed,
    }

    /// <summary>What became of one edit: one per input that got as far as the server.</summary>
    public sealed class PolicyEditResult : INumberedResult
    {
        public PolicyEditResult(string sourceId, string usageType, PolicyEditStatus status, string patch, ProvisioningPolicy? policy = null, string? reason = null, string? trackingId = null)
        {
            SourceId = sourceId;
            UsageType = usageType;
            Status = status;
            Patch = patch;
            Policy = policy;
            Reason = reason;
            TrackingId = trackingId;
        }

        /// <summary>The number of the input this answers (1 for the first input read).</summary>
        public int Row { get; set; }

        public string SourceId { get; }

        public string UsageType { get; }

        public PolicyEditStatus Status { get; }

        public bool Succeeded => Status == PolicyEditStatus.Updated || Status == PolicyEditStatus.Unchanged;

        /// <summary>The JSON Patch sent (or that would have been), compact.</summary>
        public string Patch { get; }

        /// <summary>The policy as the server stored it, after an update.</summary>
        public ProvisioningPolicy? Policy { get; }

        public string? Reason { get; }

        /// <summary>ISC's trackingId of the error, for a support case.</summary>
        public string? TrackingId { get; }

        public override string ToString() => UsageType + " policy of source " + SourceId + ": " + Status;
    }

    /// <summary>A result and, when it failed, the exception to report it with.</summary>
    public sealed class PolicyEditOutcome : IItemOutcome
    {
        /// <summary>What <see cref="Error"/> means for the edit, made once with the outcome.</summary>
        private readonly ItemFailure? failed;

        public PolicyEditOutcome(PolicyEditResult result, IscApiException? error = null)
        {
            Result = result;
            Error = error;
            failed = error == null ? null : ItemFailure.From(error);
        }

        public PolicyEditResult Result { get; }

        public IscApiException? Error { get; }

        /// <summary>Every edit that reached the server has its result written, a failed one too.</summary>
        object? IItemOutcome.Written => Result;

        ItemFailure? IItemOutcome.Failed => failed;
    }
}
