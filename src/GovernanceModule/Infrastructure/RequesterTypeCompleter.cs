using GovernanceModule.Core.Nerm;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The requester types NERM accepts, for -RequesterType of Update-WorkflowSession.</summary>
    public sealed class RequesterTypeCompleter : ListCompleter
    {
        public RequesterTypeCompleter()
            : base(WorkflowSessionStatuses.RequesterTypes)
        {
        }
    }
}
