using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Oig
{
    /// <summary>A result paired with the update it answers and, when it failed, why, so the cmdlet can write a fitting error.</summary>
    public sealed class ProvTaskOutcome : IItemOutcome
    {
        public ProvTaskOutcome(ProvTaskUpdate update, ProvTaskResult result, ApiFailure? failure = null, string? errorDetails = null)
        {
            Update = update;
            Result = result;
            Failure = failure;
            ErrorDetails = errorDetails;
        }

        public ProvTaskUpdate Update { get; }

        public ProvTaskResult Result { get; }

        /// <summary>Null when the update succeeded.</summary>
        public ApiFailure? Failure { get; }

        /// <summary>The server's response body when it explains the failure.</summary>
        public string? ErrorDetails { get; }

        /// <summary>A failed task has its result written too, with Status Error or FAIL and the reason.</summary>
        object? IItemOutcome.Written => Result;

        ItemFailure? IItemOutcome.Failed => Failure is ApiFailure kind ? new ItemFailure(kind, Result.Reason ?? "no reason given", ErrorDetails) : null;
    }
}
