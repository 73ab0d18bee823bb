using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: keep <see cref="AttemptProgress"/>, which tells a cancelled request's outcome. An attempt is in flight from
    /// its send until its answer; it has landed (the server may have applied it) when its connection was lost after
    /// it was sent, or when its answer does not say "not applied" (<see cref="RetryPolicy.SaysNotApplied"/>).
    /// </summary>
    internal sealed class ProgressHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var progress = RequestContext.Of(request).Progress;
            HttpResponseMessage response;
            try
            {
                progress.InFlight = true;
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AttemptFailedException ex)
            {
                if (ex.NothingSent)
                {
                    progress.InFlight = false;
                }
                else
                {
                    progress.Landed();
                }

                throw;
            }

            progress.InFlight = false;
            if (!RetryPolicy.SaysNotApplied(response.StatusCode))
            {
                progress.Landed();
            }

            return response;
        }
    }
}
