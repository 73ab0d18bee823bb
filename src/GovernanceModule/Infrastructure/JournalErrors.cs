using System.Management.Automation;
using GovernanceModule.Core.Journal;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The error records of a journal that cannot be used: id GovernanceJournal&lt;problem&gt;, such as GovernanceJournalInUse.</summary>
    internal static class JournalErrors
    {
        public const string IdPrefix = "GovernanceJournal";

        /// <summary>The error for <paramref name="ex"/>; <paramref name="row"/>, when given, goes in front of the message.</summary>
        public static ErrorRecord For(JournalException ex, object? target, string? row = null) =>
            new ErrorRecord(
                row == null ? ex : new JournalException(ex.Problem, ex.Path, row + ": " + ex.Message, ex),
                IdPrefix + ex.Problem,
                CategoryOf(ex.Problem),
                target);

        private static ErrorCategory CategoryOf(JournalProblem problem)
        {
            switch (problem)
            {
                case JournalProblem.InUse: return ErrorCategory.ResourceBusy;
                case JournalProblem.Damaged: return ErrorCategory.InvalidData;
                default: return ErrorCategory.InvalidArgument;
            }
        }
    }
}
