using System;
using System.Threading;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// The journal entry of a request in flight. It is completed exactly once: when the response
/// starts (so a client that reads the journal right after its answer finds the entry), or
/// with status 0 when the connection is dropped.
/// </summary>
public sealed class PendingJournalEntry
{
    private readonly RequestJournal journal;
    private readonly JournalEntry entry;
    private int completed;

    internal PendingJournalEntry(RequestJournal journal, JournalEntry entry)
    {
        this.journal = journal;
        this.entry = entry;
    }

    public bool IsCompleted => Volatile.Read(ref completed) != 0;

    /// <summary>The outcome recorded when the response starts; fault injection marks its own answers.</summary>
    public string AnswerOutcome { get; set; } = JournalOutcomes.Answered;

    /// <summary>Records the entry; later calls are ignored, so the first outcome wins.</summary>
    public void Complete(int status, string outcome)
    {
        if (Interlocked.Exchange(ref completed, 1) != 0) return;
        entry.CompletedTime = DateTimeOffset.UtcNow;
        entry.Status = status;
        entry.Outcome = outcome;
        journal.Add(entry);
    }

    public static PendingJournalEntry? Of(HttpContext context) => context.Features.Get<PendingJournalEntry>();
}
