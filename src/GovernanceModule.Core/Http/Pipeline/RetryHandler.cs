using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: send again what is safe to send again, as <see cref="RetryPolicy"/> says. A refused connection always
    /// (nothing reached the server); a lost connection only when the request is idempotent; a retryable status
    /// (<see cref="RetryPolicy.IsRetryable"/>). It waits the answer's Retry-After, else the policy's backoff, and starts
    /// no attempt past <see cref="RetryPolicy.MaxAttempts"/> or whose wait ends after <see cref="RetryPolicy.MaxTotalTime"/>.
    /// A 429 or 503 it retries pushes the connection's shared backoff, so the other requests wait too.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly ApiClientOptions options;
        private readonly ConnectionBackoff backoff;
        private long retries;

        public RetryHandler(ApiClientOptions options, ConnectionBackoff backoff)
        {
            this.options = options;
            this.backoff = backoff;
        }

        /// <summary>How many times a request was sent again.</summary>
        public long Retries => Interlocked.Read(ref retries);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.Of(request);
            var policy = options.Retry;
            var total = Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                context.Attempt = attempt;
                string why;
                TimeSpan wait;
                try
                {
                    var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (!RetryPolicy.IsRetryable(response.StatusCode, context.Request.Idempotent))
                    {
                        return response;
                    }

                    wait = policy.DelayBefore(attempt + 1, response.Headers.RetryAfter, DateTimeOffset.UtcNow);
                    if (!CanRetry(policy, attempt, wait, total))
                    {
                        return response;
                    }

                    response.Dispose();
                    if (status == 429 || status == 503)
                    {
                        backoff.Push(wait);
                    }

                    why = "it answered " + status;
                }
                catch (AttemptFailedException ex)
                {
                    wait = policy.DelayBefore(attempt + 1, null, DateTimeOffset.UtcNow);
                    if (!(ex.NothingSent || context.Request.Idempotent) || !CanRetry(policy, attempt, wait, total))
                    {
                        throw ex.Failure;
                    }

                    why = ex.What;
                }

                Interlocked.Increment(ref retries);
                context.Trace.Verbose(context.Label + ": " + why + "; retrying in " + wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s (attempt " + (attempt + 1) + ").");
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool CanRetry(RetryPolicy policy, int attempt, TimeSpan wait, Stopwatch total) =>
            attempt < policy.MaxAttempts && total.Elapsed + wait <= policy.MaxTotalTime;
    }
}
