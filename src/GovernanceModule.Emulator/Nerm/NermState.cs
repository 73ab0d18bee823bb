using System;
using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>All workflow sessions. The set is fixed between resets; a reset swaps in a freshly seeded set in one step.</summary>
public sealed class NermState : IResettableState
{
    private readonly EmulatorOptions options;
    private readonly object gate = new();
    private volatile SessionSet sessions = SessionSet.Empty;

    public NermState(EmulatorOptions options)
    {
        this.options = options;
    }

    /// <summary>Every session in creation order.</summary>
    public IReadOnlyList<NermSession> AllSessions => sessions.Ordered;

    public NermSession? Find(string id) => sessions.ById.GetValueOrDefault(id);

    /// <summary>A new session with a fresh id and uid, not yet stored: <see cref="Add"/> stores it.</summary>
    public NermSession New(NermSessionState initial)
    {
        var id = Guid.NewGuid().ToString("D");
        return new NermSession(id, "ws" + Guid.NewGuid().ToString("N")[..30], sessions.Ordered.Length + 1, initial);
    }

    /// <summary>Stores a created session. Creation is rare, so the set is copied rather than made mutable.</summary>
    public void Add(NermSession session)
    {
        lock (gate) sessions = SessionSet.Create(sessions.Ordered.Append(session));
    }

    public void Reset()
    {
        var problems = options.Nerm.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid emulator options: " + string.Join(" ", problems));
        var seeded = SessionSet.Create(NermSeedData.Sessions(options.Nerm.GeneratedSessions));
        lock (gate) sessions = seeded;
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
