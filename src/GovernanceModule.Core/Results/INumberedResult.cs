namespace GovernanceModule.Core.Results
{
    /// <summary>
    /// A result of a change cmdlet: it carries the number of the input it answers (1 for the first input the command
    /// read), so that the results of two rows that asked the same thing of one item can be told apart, and says
    /// whether it was written again from a -JournalPath journal. The cmdlet that writes it sets both. Only these
    /// results are read back from a journal (<see cref="Journal.RecordedResult"/>).
    /// </summary>
    public interface INumberedResult
    {
        int Row { get; set; }

        /// <summary>
        /// True for an outcome written again from a -JournalPath journal, as an earlier run recorded it; false for one
        /// this run got from the server.
        /// </summary>
        bool FromJournal { get; set; }
    }
}
