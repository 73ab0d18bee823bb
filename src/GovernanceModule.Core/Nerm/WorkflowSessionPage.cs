using System.Collections.Generic;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>One page of GET workflow_sessions.</summary>
    public sealed class WorkflowSessionPage
    {
        public WorkflowSessionPage(IReadOnlyList<WorkflowSession> sessions, bool hasMore, int nextOffset)
        {
            Sessions = sessions;
            HasMore = hasMore;
            NextOffset = nextOffset;
        }

        public IReadOnlyList<WorkflowSession> Sessions { get; }

        public bool HasMore { get; }

        /// <summary>The 0-based offset of the next page.</summary>
        public int NextOffset { get; }
    }
}
