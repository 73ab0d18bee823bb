namespace GovernanceModule.Core.Journal
{
    /// <summary>Why a journal cannot be used; each becomes its own error id.</summary>
    public enum JournalProblem
    {
        /// <summary>Another process (or command) has the journal open.</summary>
        InUse,

        /// <summary>A line other than the last cannot be read: the file was edited or is not a journal.</summary>
        Damaged,

        /// <summary>The journal belongs to another command, parameters or server.</summary>
        DifferentRun,

        /// <summary>An input differs from the one the journal holds for its row, or the journal holds more rows than the input.</summary>
        DifferentInput,
    }
}
