using System;
using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>All workflow sessions. The set is fixed between resets; a reset swaps in a freshly seeded set in one step.</summary>
public sealed class NermState : IResettableState
{
    private readonly EmulatorOptions options;
    private volatile SessionSet sessions = SessionSet.Empty;

    public NermState(EmulatorOptions options)
    {
        this.options = options;
    }

    /// <summary>Every session in creation order.</summary>
    public IReadOnlyList<NermSession> AllSessions => sessions.Ordered;

    public NermSession? Find(string id) => sessions.ById.GetValueOrDefault(id);

    public void Reset()
    {
        var problems = options.Nerm.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid emulator options: " + string.Join(" ", problems));
        sessions = SessionSet.Create(NermSeedData.Sessions(options.Nerm.GeneratedSessions));
    }

    private sealed record SessionSet(IReadOnlyDictionary<string, NermSession> ById, NermSession[] Ordered)
    {
        public static readonly SessionSet Empty = new(new Dictionary<string, NermSession>(), []);

        public static SessionSet Create(IEnumerable<NermSession> seeds)
        {
            var ordered = seeds.OrderBy(s => s.CreatedOrder).ToArray();
            // NERM ids are UUIDs, compared without regard to case.
            return new SessionSet(ordered.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase), ordered);
        }
    }
}
