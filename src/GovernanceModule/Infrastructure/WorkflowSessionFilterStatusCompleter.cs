using GovernanceModule.Core.Nerm;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The list filter's status words, for -Status of Get-WorkflowSession.</summary>
    public sealed class WorkflowSessionFilterStatusCompleter : ListCompleter
    {
        public WorkflowSessionFilterStatusCompleter()
            : base(WorkflowSessionStatuses.FilterValues)
        {
        }
    }
}
