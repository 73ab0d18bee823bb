namespace GovernanceModule.Core.Journal
{
    /// <summary>What a journal says became of one input, by the last record written for it.</summary>
    public enum JournalState
    {
        /// <summary>Read, and no request carrying it was sent (or its request never reached the server).</summary>
        NotSent,

        /// <summary>Recorded as sent, with no outcome: the process ended while its request was with the server.</summary>
        Sent,

        Succeeded,

        Failed,

        /// <summary>Sent, and whether the server applied it is not known: stopped while the server had it, or not checkable.</summary>
        OutcomeUnknown,
    }
}
