using System;
using System.Net;
using System.Net.Http.Headers;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// When and how long to wait before sending a request again. A small hand-written policy rather than Polly:
    /// Polly.Core would add three more assemblies to a module that must load beside PowerShell's own.
    /// </summary>
    public sealed class RetryPolicy
    {
        public int MaxAttempts { get; set; } = 6;

        /// <summary>No retry is started when its wait would end after this much time since the first attempt.</summary>
        public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromSeconds(120);

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// True when the status says the server did not apply the request (429, 503) or when the request is
        /// idempotent, so that sending it again is harmless whatever happened (500, 502, 504).
        /// </summary>
        public static bool IsRetryable(HttpStatusCode status, bool idempotent)
        {
            switch ((int)status)
            {
                case 429:
                case 503:
                    return true;
                case 500:
                case 502:
                case 504:
                    return idempotent;
                default:
                    return false;
            }
        }

        /// <summary>
        /// True for 502 and 504: a proxy or load balancer lost the server's answer, so the server may or may not have
        /// applied the request.
        /// </summary>
        public static bool IsFromGateway(HttpStatusCode status) => (int)status == 502 || (int)status == 504;

        /// <summary>True for answers that say the request was refused before it was processed: 429, 503, and a 401 to renew the token.</summary>
        public static bool SaysNotApplied(HttpStatusCode status) => (int)status == 429 || (int)status == 503 || (int)status == 401;

        /// <summary>The wait before attempt <paramref name="nextAttempt"/>: the server's Retry-After when given, else exponential backoff.</summary>
        public TimeSpan DelayBefore(int nextAttempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
        {
            if (retryAfter?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (retryAfter?.Date is DateTimeOffset date)
            {
                var untilDate = date - now;
                return untilDate > TimeSpan.Zero ? untilDate : TimeSpan.Zero;
            }

            var exponent = Math.Min(nextAttempt - 2, 10);
            var backoff = TimeSpan.FromTicks(BaseDelay.Ticks * (1L << Math.Max(exponent, 0)));
            return backoff < MaxDelay ? backoff : MaxDelay;
        }
    }
}
