using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: no attempt goes out while the connection is told to slow down: each waits until the connection's
    /// <see cref="ConnectionBackoff"/> (pushed by a 429 or 503 of any of its requests) has passed.
    /// </summary>
    internal sealed class SharedBackoffHandler : DelegatingHandler
    {
        private readonly ConnectionBackoff backoff;

        public SharedBackoffHandler(ConnectionBackoff backoff)
        {
            this.backoff = backoff;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.Of(request);
            await backoff.WaitAsync(context.Label, context.Trace, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
