namespace GovernanceModule.Core.Bulk
{
    /// <summary>What became of an input that had no result written when its run was stopped.</summary>
    public enum StoppedFate
    {
        /// <summary>No request for it reached the server: nothing was changed.</summary>
        NotSent,

        /// <summary>Its request was with the server, or an earlier attempt may have applied: check before sending it again.</summary>
        OutcomeUnknown,

        /// <summary>The server answered, but the stop came before its result was written.</summary>
        AnsweredNotWritten,
    }
}
