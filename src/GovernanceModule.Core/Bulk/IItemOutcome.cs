namespace GovernanceModule.Core.Bulk
{
    /// <summary>What became of one input's change: what to write for it, and why it failed (null when it did not).</summary>
    public interface IItemOutcome
    {
        /// <summary>The object written for the input (a result or the changed object); null when there is none.</summary>
        object? Written { get; }

        ItemFailure? Failed { get; }
    }
}
