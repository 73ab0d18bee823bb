using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// The connection's shared backoff, in <see cref="Stopwatch"/> ticks: no attempt of any request of one ApiClient is
    /// sent before it. A 429 or 503 pushes it to the end of the wait it asked for, so that every request in flight
    /// slows down, not only the one that was told.
    /// </summary>
    internal sealed class ConnectionBackoff
    {
        private long notBefore;

        /// <summary>Moves the backoff to at least <paramref name="wait"/> from now.</summary>
        public void Push(TimeSpan wait)
        {
            var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            for (var seen = Interlocked.Read(ref notBefore); seen < until; seen = Interlocked.Read(ref notBefore))
            {
                if (Interlocked.CompareExchange(ref notBefore, until, seen) == seen)
                {
                    return;
                }
            }
        }

        /// <summary>Waits until the backoff has passed (it may be pushed further while waiting).</summary>
        public async Task WaitAsync(string label, IApiTrace trace, CancellationToken cancellationToken)
        {
            var traced = false;
            for (var left = Interlocked.Read(ref notBefore) - Stopwatch.GetTimestamp(); left > 0; left = Interlocked.Read(ref notBefore) - Stopwatch.GetTimestamp())
            {
                var wait = TimeSpan.FromSeconds((double)left / Stopwatch.Frequency);
                if (!traced && wait >= TimeSpan.FromMilliseconds(50))
                {
                    traced = true;
                    trace.Verbose(label + ": the server asked this connection to slow down; waiting " + wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s.");
                }

                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
