using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// At most <see cref="Limit"/> requests in any <see cref="Window"/>, as a sliding log of send times. Stays inside a
    /// server's fixed or sliding window alike; a small margin covers the time a request takes to reach the server.
    /// </summary>
    public sealed class RequestRateLimiter
    {
        private static readonly ConcurrentDictionary<string, RequestRateLimiter> SharedLimiters = new ConcurrentDictionary<string, RequestRateLimiter>(StringComparer.OrdinalIgnoreCase);

        private readonly Queue<long> sent = new Queue<long>();
        private readonly object gate = new object();
        private readonly long windowTicks;

        public RequestRateLimiter(int limit, TimeSpan window)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "The limit must be at least 1.");
            }

            Limit = limit;
            Window = window;
            var margin = TimeSpan.FromTicks(Math.Min(window.Ticks / 50, TimeSpan.FromSeconds(1).Ticks));
            windowTicks = ToStopwatchTicks(window + margin);
        }

        public int Limit { get; }

        public TimeSpan Window { get; }

        /// <summary>
        /// One limiter per key (an API host and client id) for the whole process, so that several connections and
        /// runspaces with the same client share the budget the server counts for it.
        /// </summary>
        public static RequestRateLimiter Shared(string key, int limit, TimeSpan window) =>
            SharedLimiters.AddOrUpdate(
                key + "|" + limit.ToString(CultureInfo.InvariantCulture) + "|" + window.Ticks.ToString(CultureInfo.InvariantCulture),
                _ => new RequestRateLimiter(limit, window),
                (_, existing) => existing);

        /// <summary>Waits until one more request fits in the window, then counts it as sent.</summary>
        public async Task WaitAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            var told = false;
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = Stopwatch.GetTimestamp();
                    while (sent.Count > 0 && now - sent.Peek() >= windowTicks)
                    {
                        sent.Dequeue();
                    }

                    if (sent.Count < Limit)
                    {
                        sent.Enqueue(now);
                        return;
                    }

                    wait = FromStopwatchTicks(sent.Peek() + windowTicks - now);
                }

                if (!told)
                {
                    trace.Verbose("Client-side rate limit: " + Limit + " requests in " + Window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s reached; waiting " + wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s.");
                    told = true;
                }

                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private static long ToStopwatchTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

        private static TimeSpan FromStopwatchTicks(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
    }
}
