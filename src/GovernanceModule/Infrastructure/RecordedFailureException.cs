using System;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The exception of an error written again from a journal: the message as it was recorded.</summary>
    public sealed class RecordedFailureException : Exception
    {
        internal RecordedFailureException(string message)
            : base(message)
        {
        }
    }
}
