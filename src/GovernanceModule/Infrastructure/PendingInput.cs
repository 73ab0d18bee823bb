namespace GovernanceModule.Infrastructure
{
    /// <summary>An input whose change the sender has taken, with what its result or error must name: the row and the input object.</summary>
    internal sealed class PendingInput
    {
        public PendingInput(string row, string name, object target)
        {
            Row = row;
            Name = name;
            Target = target;
        }

        /// <summary>"Row 3" for pipeline input, else "Input".</summary>
        public string Row { get; }

        /// <summary>The input as messages name it, such as "Row 7: task 1042 (Retry)".</summary>
        public string Name { get; }

        /// <summary>The input object itself (a CSV row), the target of its error.</summary>
        public object Target { get; }
    }
}
