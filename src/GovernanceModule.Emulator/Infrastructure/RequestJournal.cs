using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// Thread-safe record of the requests received on vendor paths (never <c>/_emulator/</c>),
/// bounded by <see cref="EmulatorOptions.JournalCapacity"/>, oldest dropped first.
/// </summary>
public sealed class RequestJournal
{
    private readonly EmulatorOptions options;
    private readonly LinkedList<JournalEntry> entries = new();
    private readonly object gate = new();
    private long lastSequence;

    public RequestJournal(EmulatorOptions options)
    {
        this.options = options;
    }

    /// <summary>Numbers requests in arrival order; an entry is added when its request ends.</summary>
    internal long NextSequence() => Interlocked.Increment(ref lastSequence);

    internal void Add(JournalEntry entry)
    {
        lock (gate)
        {
            entries.AddLast(entry);
            var capacity = Math.Max(1, options.JournalCapacity);
            while (entries.Count > capacity) entries.RemoveFirst();
        }
    }

    /// <summary>A snapshot in arrival order, optionally only one API ("oig", "nerm", "isc", "other").</summary>
    public IReadOnlyList<JournalEntry> Entries(string? api = null)
    {
        lock (gate)
        {
            return entries
                .Where(e => api is null || string.Equals(e.Api, api, StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.Sequence)
                .ToList();
        }
    }

    /// <summary>How many recorded requests match; each filter is optional.</summary>
    public int Count(string? api = null, string? method = null, string? pathPrefix = null)
    {
        lock (gate)
        {
            return entries.Count(e =>
                (api is null || string.Equals(e.Api, api, StringComparison.OrdinalIgnoreCase))
                && (method is null || string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase))
                && (pathPrefix is null || e.Path.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public void Clear()
    {
        lock (gate) entries.Clear();
    }
}
