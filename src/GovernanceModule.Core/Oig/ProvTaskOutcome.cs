using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Oig
{
    /// <summary>A result paired with the update it answers and, when it failed, why, so the cmdlet can write a fitting error.</summary>
    public sealed class ProvTaskOutcome : IItemOutcome
    {
        /// <summary>Why the update failed, made once where the client found it; null when it succeeded.</summary>
        private readonly ItemFailure? failed;

        public ProvTaskOutcome(ProvTaskUpdate update, ProvTaskResult result, ItemFailure? failed = null)
        {
            Update = update;
            Result = result;
            this.failed = failed;
        }

        public ProvTaskUpdate Update { get; }

        /// <summary>A failed task has its result written too, with Status Error or FAIL and the reason.</summary>
        public ProvTaskResult Result { get; }

        /// <summary>Null when the update succeeded.</summary>
        public ApiFailure? Failure => failed?.Kind;

        object? IItemOutcome.Written => Result;

        ItemFailure? IItemOutcome.Failed => failed;
    }
}
