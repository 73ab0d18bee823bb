using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>HTTP Basic. The password stays in its SecureString; the header is built per request.</summary>
    public sealed class BasicAuthenticator : IAuthenticator
    {
        private readonly string userName;
        private readonly SecureString password;

        public BasicAuthenticator(string userName, SecureString password)
        {
            this.userName = userName ?? throw new ArgumentNullException(nameof(userName));
            this.password = password ?? throw new ArgumentNullException(nameof(password));
        }

        public Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken)
        {
            var plain = new NetworkCredential(string.Empty, password).Password;
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + plain));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
            return Task.CompletedTask;
        }

        public Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
