namespace GovernanceModule.Core.Bulk
{
    /// <summary>A validated change to one object, as messages, the stop report and ShouldProcess name it.</summary>
    public interface IChange
    {
        /// <summary>How messages name the change after its row, such as "task 1042 (Retry)".</summary>
        string Name { get; }

        /// <summary>What the change is made to, as ShouldProcess names its target, such as "Task 1042".</summary>
        string Subject { get; }

        /// <summary>What ShouldProcess and -WhatIf say the change does; null when nothing will be sent, so no consent is needed.</summary>
        string? Description { get; }
    }
}
