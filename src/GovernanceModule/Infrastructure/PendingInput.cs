namespace GovernanceModule.Infrastructure
{
    /// <summary>A validated change waiting to be sent, with what its result or error must name: the row and the input object.</summary>
    public sealed class PendingInput<T>
    {
        internal PendingInput(T change, long number, string row, string name, object target)
        {
            Number = number;
            Change = change;
            Row = row;
            Name = name;
            Target = target;
        }

        public T Change { get; }

        /// <summary>The input's position in the run, from 1: its row in the journal.</summary>
        public long Number { get; }

        /// <summary>"Row 3" for pipeline input, else "Input".</summary>
        public string Row { get; }

        /// <summary>The input as messages name it, such as "Row 7: task 1042 (Retry)".</summary>
        public string Name { get; }

        /// <summary>The input object itself (a CSV row), the target of its error.</summary>
        public object Target { get; }
    }
}
