using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: a request that is not safe to send twice and whose last answer came from a gateway (502, 504) ends as
    /// <see cref="ApiFailure.OutcomeUnknown"/>: the server behind the gateway may or may not have applied it, so its
    /// caller must not take the answer for the server's.
    /// </summary>
    internal sealed class GatewayOutcomeHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var context = RequestContext.Of(request);
            if (context.Request.Idempotent || !RetryPolicy.IsFromGateway(response.StatusCode))
            {
                return response;
            }

            using (response)
            {
                var status = response.StatusCode;
                throw new ApiException(
                    ApiFailure.OutcomeUnknown,
                    context.Label + ": a gateway answered " + (int)status + " " + status + context.OutcomeNote + ".",
                    status,
                    await context.BodyAsync(response).ConfigureAwait(false));
            }
        }
    }
}
