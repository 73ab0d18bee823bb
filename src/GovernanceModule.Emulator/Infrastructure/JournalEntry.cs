using System;
using System.Collections.Generic;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>One request the emulator received on a vendor path. Secrets are redacted.</summary>
public sealed class JournalEntry
{
    public long Sequence { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>When the answer started or the connection was found gone: the request was with the server from <see cref="Time"/> to this.</summary>
    public DateTimeOffset CompletedTime { get; internal set; }

    /// <summary>"oig", "nerm", "isc" or "other" (see <see cref="ApiNames"/>).</summary>
    public string Api { get; init; } = ApiNames.Other;

    public string Method { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>The raw query string including the leading '?', or "".</summary>
    public string Query { get; init; } = "";

    /// <summary>Request headers; Authorization is kept as its scheme plus "***".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string Body { get; init; } = "";

    public bool BodyTruncated { get; init; }

    /// <summary>The status code sent, or 0 when no response was sent (connection dropped).</summary>
    public int Status { get; internal set; }

    /// <summary>One of the <see cref="JournalOutcomes"/> values.</summary>
    public string Outcome { get; internal set; } = JournalOutcomes.Answered;
}

public static class JournalOutcomes
{
    public const string Answered = "answered";
    public const string FaultResponded = "fault-responded";
    public const string DroppedBeforeProcessing = "dropped-before-processing";
    public const string DroppedAfterProcessing = "dropped-after-processing";
    public const string ClientDisconnected = "client-disconnected";
}
