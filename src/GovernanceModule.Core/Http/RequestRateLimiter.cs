using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// At most <see cref="Limit"/> requests in any <see cref="Window"/>. A request holds its slot from before it is sent
    /// until its answer has arrived, and the window is counted from that answer: the server saw the request between
    /// those two moments, so however late it arrived there, the server never counts more than the limit in its own
    /// window, fixed or sliding.
    /// </summary>
    public sealed class RequestRateLimiter
    {
        private static readonly ConcurrentDictionary<string, RequestRateLimiter> SharedLimiters = new ConcurrentDictionary<string, RequestRateLimiter>(StringComparer.OrdinalIgnoreCase);
        private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(20);

        private readonly List<Slot> slots = new List<Slot>();
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
            windowTicks = ToStopwatchTicks(window);
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

        /// <summary>Waits until one more request fits in the window; dispose the slot once the answer has arrived.</summary>
        public async Task<IDisposable> AcquireAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            var told = false;
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = Stopwatch.GetTimestamp();
                    slots.RemoveAll(s => s.AnsweredAt is long answered && now - answered >= windowTicks);
                    if (slots.Count < Limit)
                    {
                        var slot = new Slot(this);
                        slots.Add(slot);
                        return slot;
                    }

                    var oldest = slots.Where(s => s.AnsweredAt != null).Select(s => s.AnsweredAt!.Value).DefaultIfEmpty(long.MaxValue).Min();
                    wait = oldest == long.MaxValue ? InFlightPoll : FromStopwatchTicks(oldest + windowTicks - now);
                }

                if (!told)
                {
                    trace.Verbose("Client-side rate limit: " + Limit + " requests in " + Window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s reached; waiting " + wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s.");
                    told = true;
                }

                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private void Release(Slot slot)
        {
            lock (gate)
            {
                slot.AnsweredAt ??= Stopwatch.GetTimestamp();
            }
        }

        private static long ToStopwatchTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

        private static TimeSpan FromStopwatchTicks(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);

        private sealed class Slot : IDisposable
        {
            private readonly RequestRateLimiter owner;

            public Slot(RequestRateLimiter owner)
            {
                this.owner = owner;
            }

            /// <summary>When the answer arrived (Stopwatch ticks); null while the request is in flight.</summary>
            public long? AnsweredAt { get; set; }

            public void Dispose() => owner.Release(this);
        }
    }
}
