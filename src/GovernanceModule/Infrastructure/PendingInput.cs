namespace GovernanceModule.Infrastructure
{
    /// <summary>A validated change waiting to be sent, with what its result or error must name: the row and the input object.</summary>
    internal sealed class PendingInput<T>
    {
        public PendingInput(T change, string row, object target)
        {
            Change = change;
            Row = row;
            Target = target;
        }

        public T Change { get; }

        public string Row { get; }

        public object Target { get; }
    }
}
