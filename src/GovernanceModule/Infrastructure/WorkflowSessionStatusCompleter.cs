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
}
