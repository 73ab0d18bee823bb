using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>A fixed bearer token, such as a NERM API key. It stays in its SecureString; the header is built per request.</summary>
    public sealed class BearerTokenAuthenticator : IAuthenticator
    {
        private readonly SecureString token;

        public BearerTokenAuthenticator(SecureString token)
        {
            this.token = token ?? throw new ArgumentNullException(nameof(token));
        }

        public Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new NetworkCredential(string.Empty, token).Password);
            return Task.CompletedTask;
        }

        /// <summary>A fixed token cannot be renewed: a 401 stands.</summary>
        public Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
