using System;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// A <see cref="FaultRule"/> in the words of Set-GovernanceEmulatorFault: its parameters in, its
/// GovernanceModule.Emulator.Fault object out.
/// </summary>
public sealed class ModuleFault
{
    public string? Api { get; init; }

    public string? Method { get; init; }

    public string? PathPrefix { get; init; }

    public int StatusCode { get; init; }

    public int? RetryAfterSec { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>"Before" or "After" processing; null answers <see cref="StatusCode"/> or only waits.</summary>
    public string? Drop { get; init; }

    /// <summary>-1 = until cleared.</summary>
    public int Count { get; init; } = -1;

    public int Every { get; init; } = 1;

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    public FaultMode Mode { get; init; }

    /// <summary>The rule, or null when <see cref="Drop"/> is neither Before nor After.</summary>
    public FaultRule? ToRule()
    {
        FaultMode mode;
        if (Drop is null) mode = FaultMode.Respond;
        else if (string.Equals(Drop, "Before", StringComparison.OrdinalIgnoreCase)) mode = FaultMode.DropBeforeProcessing;
        else if (string.Equals(Drop, "After", StringComparison.OrdinalIgnoreCase)) mode = FaultMode.DropAfterProcessing;
        else return null;

        return new FaultRule
        {
            Api = Api?.ToLowerInvariant(),
            Method = Method?.ToUpperInvariant(),
            PathPrefix = PathPrefix,
            Status = StatusCode,
            RetryAfterSeconds = RetryAfterSec,
            LatencyMs = LatencyMs,
            Count = Count,
            Every = Every,
            Body = Body,
            ContentType = ContentType,
            Mode = mode,
        };
    }

    public static ModuleFault From(FaultRule rule) => new()
    {
        Api = rule.Api,
        Method = rule.Method,
        PathPrefix = rule.PathPrefix,
        StatusCode = rule.Status,
        RetryAfterSec = rule.RetryAfterSeconds,
        LatencyMs = rule.LatencyMs,
        Drop = rule.Mode switch
        {
            FaultMode.DropBeforeProcessing => "Before",
            FaultMode.DropAfterProcessing => "After",
            _ => null,
        },
        Count = rule.Count,
        Every = rule.Every,
        Body = rule.Body,
        ContentType = rule.ContentType,
        Mode = rule.Mode,
    };
}
