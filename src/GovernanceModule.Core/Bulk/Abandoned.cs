using System.Collections.Generic;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>What a stopped sender still held, in input order: changes whose request started, then changes never sent.</summary>
    public sealed class Abandoned<TChange, TOutcome>
    {
        public Abandoned(IReadOnlyList<Finished<TChange, TOutcome>> started, IReadOnlyList<TChange> unsent)
        {
            Started = started;
            Unsent = unsent;
        }

        public IReadOnlyList<Finished<TChange, TOutcome>> Started { get; }

        public IReadOnlyList<TChange> Unsent { get; }
    }
}
