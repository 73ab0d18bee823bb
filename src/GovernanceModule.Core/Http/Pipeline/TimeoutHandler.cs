using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: each attempt, from sending to the last byte of its answer, gets <see cref="ApiClientOptions.Timeout"/>.
    /// One that takes longer ends the request as <see cref="ApiFailure.Timeout"/> and is never sent again, even when
    /// idempotent: the timeout promises an error after that long, not a longer wait. The answer's body is read here, so
    /// that the handlers above see it whole.
    /// </summary>
    internal sealed class TimeoutHandler : DelegatingHandler
    {
        private readonly ApiClientOptions options;

        public TimeoutHandler(ApiClientOptions options)
        {
            this.options = options;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var limit = options.Timeout;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(limit);
                HttpResponseMessage? response = null;
                try
                {
                    response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
                    if (response.Content != null)
                    {
                        // netstandard2.0 has no cancellable LoadIntoBufferAsync: a body that stalls is cut off by disposing its response.
                        using (timeout.Token.Register(state => ((HttpResponseMessage)state).Dispose(), response))
                        {
                            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                        }
                    }

                    timeout.Token.ThrowIfCancellationRequested();
                    return response;
                }
                catch (Exception) when (timeout.IsCancellationRequested)
                {
                    response?.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                    var context = RequestContext.Of(request);
                    throw new ApiException(
                        ApiFailure.Timeout,
                        context.Label + " got no answer within " + limit.TotalSeconds + " s" + context.OutcomeNote + ".");
                }
            }
        }
    }
}
