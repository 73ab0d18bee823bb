using GovernanceModule.Core.Nerm;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The 61 workflow-session statuses, for -Status of Update-WorkflowSession (checked by Core, exact case).</summary>
    public sealed class WorkflowSessionStatusCompleter : ListCompleter
    {
        public WorkflowSessionStatusCompleter()
            : base(WorkflowSessionStatuses.All)
        {
        }
    }

    /// <summary>The list filter's status words, for -Status of Get-WorkflowSession.</summary>
    public sealed class WorkflowSessionFilterStatusCompleter : ListCompleter
    {
        public WorkflowSessionFilterStatusCompleter()
            : base(WorkflowSessionStatuses.FilterValues)
        {
        }
    }

    public sealed class RequesterTypeCompleter : ListCompleter
    {
        public RequesterTypeCompleter()
            : base(WorkflowSessionStatuses.RequesterTypes)
        {
        }
    }
}
