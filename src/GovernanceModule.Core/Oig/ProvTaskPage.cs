using System.Collections.Generic;

namespace GovernanceModule.Core.Oig
{
    /// <summary>One page of GET provtasks.</summary>
    public sealed class ProvTaskPage
    {
        public ProvTaskPage(IReadOnlyList<ProvTask> tasks, bool hasMore, int nextOffset)
        {
            Tasks = tasks;
            HasMore = hasMore;
            NextOffset = nextOffset;
        }

        public IReadOnlyList<ProvTask> Tasks { get; }

        public bool HasMore { get; }

        /// <summary>The 1-based offset of the next page.</summary>
        public int NextOffset { get; }
    }
}
