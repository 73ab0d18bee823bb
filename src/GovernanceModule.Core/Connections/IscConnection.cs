using System;
using System.Net.Http;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// A session with one SailPoint Identity Security Cloud tenant: its API host, the OAuth client id and the
    /// client-credentials token (shared code with NERM). Shows the client id and URI, never the secret or a token.
    /// Requests keep inside ISC's per-client rate limit (by default 100 requests per 10 s) on the client side.
    /// </summary>
    public sealed class IscConnection : IApiConnection
    {
        public const string ApiVersion = "v3";
        public const int DefaultRequestsPerWindow = 100;
        public static readonly TimeSpan DefaultRateWindow = TimeSpan.FromSeconds(10);

        private static readonly Regex TenantName = new Regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant);
        private readonly IscTokenAuthenticator token;

        /// <param name="tenantUri">The API host, such as https://acme.api.identitynow.com; a /v3 path is dropped.</param>
        /// <param name="requestsPerWindow">The client-side rate limit; 0 turns it off (the server's 429s are still honoured).</param>
        public IscConnection(Uri tenantUri, string clientId, SecureString clientSecret, ApiClientOptions? options = null, int requestsPerWindow = DefaultRequestsPerWindow, TimeSpan? rateWindow = null)
        {
            if (tenantUri == null)
            {
                throw new ArgumentNullException(nameof(tenantUri));
            }

            if (!tenantUri.IsAbsoluteUri || (tenantUri.Scheme != Uri.UriSchemeHttps && tenantUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException("The ISC URI must be an absolute http or https URI, such as https://acme.api.identitynow.com.", nameof(tenantUri));
            }

            ConnectionUris.RefuseUserInfo(tenantUri, "ISC", nameof(tenantUri));
            ConnectionUris.RefuseUnencrypted(tenantUri, "ISC", options);
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new ArgumentException("The client id must not be empty.", nameof(clientId));
            }

            Uri = new Uri(tenantUri.GetLeftPart(UriPartial.Authority) + "/");
            ApiUri = new Uri(Uri, ApiVersion + "/");
            ClientId = clientId;
            var clientOptions = options ?? new ApiClientOptions();
            SkipCertificateCheck = clientOptions.SkipCertificateCheck;
            token = new IscTokenAuthenticator(Uri, clientId, clientSecret, clientOptions);
            if (requestsPerWindow > 0)
            {
                clientOptions.RateLimiter = RequestRateLimiter.Shared(Uri.Authority + "|" + clientId, requestsPerWindow, rateWindow ?? DefaultRateWindow);
            }

            Client = new ApiClient(ApiUri, token, clientOptions);
        }

        /// <summary>The tenant's API host, such as https://acme.api.identitynow.com/.</summary>
        public Uri Uri { get; }

        /// <summary><see cref="Uri"/> + "v3/": the base of every API path.</summary>
        public Uri ApiUri { get; }

        public string ClientId { get; }

        public bool SkipCertificateCheck { get; }

        /// <summary>True for https; the token requests go to the same host.</summary>
        public bool IsEncrypted => ConnectionUris.IsEncrypted(Uri);

        public ApiClient Client { get; }

        /// <summary>How many tokens this connection fetched: one per expiry or refused token.</summary>
        public int TokensFetched => token.TokensFetched;

        /// <summary>https://{tenant}.api.identitynow.com/ for a tenant name such as "acme".</summary>
        public static Uri ForTenant(string tenant)
        {
            var name = (tenant ?? string.Empty).Trim();
            if (!TenantName.IsMatch(name))
            {
                throw new ArgumentException("'" + tenant + "' is not a tenant name; give the name only, such as acme for https://acme.api.identitynow.com, or use -Uri.", nameof(tenant));
            }

            return new Uri("https://" + name + ".api.identitynow.com/");
        }

        /// <summary>Fetches a token, which proves the client id and secret; throws an Unauthorized ApiException when they are refused.</summary>
        public async Task VerifyAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            using (var probe = new HttpRequestMessage(HttpMethod.Get, ApiUri))
            {
                await token.AuthorizeAsync(probe, trace, cancellationToken).ConfigureAwait(false);
            }
        }

        public override string ToString() => "ISC " + Uri + " as client " + ClientId;

        public bool IsClosed { get; private set; }

        public void Dispose()
        {
            IsClosed = true;
            Client.Dispose();
            token.Dispose();
        }
    }
}
