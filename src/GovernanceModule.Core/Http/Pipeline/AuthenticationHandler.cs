using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: every attempt carries the connection's credentials; after a 401, the authenticator may renew them (a
    /// fresh ISC token) once per request, and the attempt is sent again with them. That resend is not a retry: it keeps
    /// its attempt number and is not counted in <see cref="ApiClient.Retries"/>.
    /// </summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly IAuthenticator authenticator;

        public AuthenticationHandler(IAuthenticator authenticator)
        {
            this.authenticator = authenticator;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.Of(request);
            await authenticator.AuthorizeAsync(request, context.Trace, cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || context.CredentialsRenewed
                || !await authenticator.TryRefreshAsync(context.Trace, cancellationToken).ConfigureAwait(false))
            {
                return response;
            }

            context.CredentialsRenewed = true;
            response.Dispose();
            await authenticator.AuthorizeAsync(request, context.Trace, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
