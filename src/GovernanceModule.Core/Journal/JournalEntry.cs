namespace GovernanceModule.Core.Journal
{
    /// <summary>One input of a journal as its last record left it: what Get-GovernanceJournal writes.</summary>
    public sealed class JournalEntry
    {
        public JournalEntry(long row, string name, JournalState state, string? errorId, string? error, object? input)
        {
            Row = row;
            Name = name;
            State = state;
            ErrorId = errorId;
            Error = error;
            Input = input;
        }

        /// <summary>The input's position in its run, from 1.</summary>
        public long Row { get; }

        /// <summary>The input as messages name it, such as "task 1042 (Retry)".</summary>
        public string Name { get; }

        public JournalState State { get; }

        /// <summary>The error id of a failed input, such as ProvTaskNotFound.</summary>
        public string? ErrorId { get; }

        /// <summary>The error message of a failed input, or what is known of an unknown outcome.</summary>
        public string? Error { get; }

        /// <summary>The input's values (a CSV row's columns, or the id given).</summary>
        public object? Input { get; }
    }
}
