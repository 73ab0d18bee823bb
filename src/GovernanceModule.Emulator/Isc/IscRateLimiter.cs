using System;
using System.Collections.Generic;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// Item 43: a fixed window per client id and API version. The window opens with the first request counted and
/// lasts <see cref="IscEmulatorOptions.RateLimitWindowSeconds"/>; requests refused with 429 are not counted.
/// </summary>
public sealed class IscRateLimiter : IResettableState
{
    private readonly EmulatorOptions options;
    private readonly Dictionary<(string ClientId, string Version), Window> windows = new();
    private readonly object gate = new();

    public IscRateLimiter(EmulatorOptions options)
    {
        this.options = options;
    }

    /// <summary>Counts the request; returns null when it may go on, else the whole seconds until the window resets (at least 1).</summary>
    public int? TryAcquire(string clientId, string version, DateTimeOffset now)
    {
        var settings = options.Isc;
        if (settings.RateLimitRequests <= 0) return null;
        var length = TimeSpan.FromSeconds(Math.Max(0.01, settings.RateLimitWindowSeconds));
        lock (gate)
        {
            var key = (clientId, version);
            if (!windows.TryGetValue(key, out var window) || now - window.Start >= length)
            {
                window = new Window(now);
                windows[key] = window;
            }

            if (window.Count >= settings.RateLimitRequests)
            {
                return Math.Max(1, (int)Math.Ceiling((window.Start + length - now).TotalSeconds));
            }

            window.Count++;
            return null;
        }
    }

    public void Reset()
    {
        lock (gate) windows.Clear();
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int Count { get; set; }
    }
}
