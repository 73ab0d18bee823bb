using System.Collections.Generic;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>Reseeds every API's state and clears the journal and faults. Options are kept.</summary>
public sealed class EmulatorResetter
{
    private readonly IEnumerable<IResettableState> states;
    private readonly RequestJournal journal;
    private readonly FaultInjector faults;

    public EmulatorResetter(IEnumerable<IResettableState> states, RequestJournal journal, FaultInjector faults)
    {
        this.states = states;
        this.journal = journal;
        this.faults = faults;
    }

    public void Reset()
    {
        faults.Clear();
        foreach (var state in states) state.Reset();
        journal.Clear();
    }
}
