using System;

namespace GovernanceModule.Core.Journal
{
    /// <summary>A journal that cannot be used for this run, with a message that says why and what to do.</summary>
    public sealed class JournalException : Exception
    {
        public JournalException(JournalProblem problem, string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Problem = problem;
            Path = path;
        }

        public JournalProblem Problem { get; }

        public string Path { get; }
    }
}
