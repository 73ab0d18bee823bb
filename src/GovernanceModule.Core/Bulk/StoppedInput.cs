namespace GovernanceModule.Core.Bulk
{
    /// <summary>An input that had no result written when its run was stopped.</summary>
    public sealed class StoppedInput
    {
        public StoppedInput(string name, StoppedFate fate, object? target)
        {
            Name = name;
            Fate = fate;
            Target = target;
        }

        /// <summary>The input as messages name it, such as "Row 7: task 1042 (Retry)".</summary>
        public string Name { get; }

        public StoppedFate Fate { get; }

        /// <summary>The input object itself (a CSV row), to be sent again or checked.</summary>
        public object? Target { get; }

        public override string ToString() => Name + ": " + Fate;
    }
}
