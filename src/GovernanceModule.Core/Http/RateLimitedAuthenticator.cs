using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// Puts every request through a <see cref="RequestRateLimiter"/> before its credentials. ApiClient authorizes each
    /// attempt, retries included, so this is the one per-attempt hook it offers, and ApiClient itself stays as it is.
    /// </summary>
    public sealed class RateLimitedAuthenticator : IAuthenticator
    {
        private readonly IAuthenticator inner;

        public RateLimitedAuthenticator(IAuthenticator inner, RequestRateLimiter limiter)
        {
            this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
            Limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        }

        public RequestRateLimiter Limiter { get; }

        public async Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken)
        {
            // Credentials first: a token fetch is not counted, and the slot is taken as close to sending as possible.
            await inner.AuthorizeAsync(request, trace, cancellationToken).ConfigureAwait(false);
            await Limiter.WaitAsync(trace, cancellationToken).ConfigureAwait(false);
        }

        public Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken) => inner.TryRefreshAsync(trace, cancellationToken);
    }
}
