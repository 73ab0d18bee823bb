using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: each attempt holds a slot of the client-side rate limit (<see cref="ApiClientOptions.RateLimiter"/>, ISC's
    /// requests per client id) from before it is sent until its whole answer has arrived.
    /// </summary>
    internal sealed class RateLimitHandler : DelegatingHandler
    {
        private readonly ApiClientOptions options;

        public RateLimitHandler(ApiClientOptions options)
        {
            this.options = options;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var limiter = options.RateLimiter;
            if (limiter == null)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            using (await limiter.AcquireAsync(RequestContext.Of(request).Trace, cancellationToken).ConfigureAwait(false))
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
