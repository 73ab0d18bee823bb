using System.Management.Automation;
using GovernanceModule.Core.Journal;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The error records of a journal that cannot be used: id GovernanceJournal&lt;problem&gt;, such as GovernanceJournalInUse.</summary>
    internal static class JournalErrors
    {
        public const string IdPrefix = "GovernanceJournal";

        public static ErrorRecord For(JournalException ex, object? target) =>
            new ErrorRecord(ex, IdPrefix + ex.Problem, CategoryOf(ex.Problem), target);

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
