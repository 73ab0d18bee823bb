using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Oig
{
    /// <summary>What became of one task update: its result and, when it failed, why, so the cmdlet can write a fitting error.</summary>
    public sealed class ProvTaskOutcome : IItemOutcome
    {
        /// <summary>Why the update failed, made once where the client found it; null when it succeeded.</summary>
        private readonly ItemFailure? failed;

        private ProvTaskOutcome(ProvTaskUpdate update, ProvTaskResult result, ItemFailure? failed)
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

        public static ProvTaskOutcome Succeeded(ProvTaskUpdate update, ProvTaskResult result) => new ProvTaskOutcome(update, result, null);

        /// <summary>An update that got no result of its own: its result says Error and why, and the failure is kept as found.</summary>
        public static ProvTaskOutcome Failed(ProvTaskUpdate update, ItemFailure failure) =>
            Failed(update, new ProvTaskResult(update, update.RequestId, "Error", false, failure.Reason, null, null), failure);

        /// <summary>An update the server answered for and refused: its result as the server gave it.</summary>
        public static ProvTaskOutcome Failed(ProvTaskUpdate update, ProvTaskResult result, ItemFailure failure) => new ProvTaskOutcome(update, result, failure);
    }
}
