using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Oig
{
    /// <summary>A result paired with the update it answers and, when it failed, why, so the cmdlet can write a fitting error.</summary>
    public sealed class ProvTaskOutcome
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
    }
}
