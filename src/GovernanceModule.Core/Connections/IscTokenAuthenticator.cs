using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// Bearer tokens from SailPoint ISC's POST /oauth/token (client_credentials), reused until shortly before
    /// expires_in runs out and renewed once after a 401. Serves ISC connections and NERM connections that use ISC
    /// client credentials. The secret stays in its SecureString; neither it nor a token is ever traced.
    /// </summary>
    public sealed class IscTokenAuthenticator : IAuthenticator, IDisposable
    {
        private readonly ApiClient tokenClient;
        private readonly SecureString clientSecret;
        private readonly Func<DateTimeOffset> clock;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private string? accessToken;
        private DateTimeOffset renewAt;

        /// <param name="iscBaseUri">The tenant's API host, such as https://acme.api.identitynow.com (a /v3 path is ignored).</param>
        public IscTokenAuthenticator(Uri iscBaseUri, string clientId, SecureString clientSecret, ApiClientOptions options, Func<DateTimeOffset>? clock = null)
        {
            ClientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
            this.clientSecret = clientSecret ?? throw new ArgumentNullException(nameof(clientSecret));
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
            TokenUri = new Uri(new Uri(iscBaseUri.GetLeftPart(UriPartial.Authority) + "/"), "oauth/token");
            var tokenOptions = new ApiClientOptions { Timeout = options.Timeout, SkipCertificateCheck = options.SkipCertificateCheck, Retry = options.Retry };
            tokenClient = new ApiClient(new Uri(TokenUri, "/"), NoAuthenticator.Instance, tokenOptions);
        }

        public string ClientId { get; }

        public Uri TokenUri { get; }

        /// <summary>How many tokens were fetched, for -Verbose and tests of reuse.</summary>
        public int TokensFetched { get; private set; }

        public async Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken)
        {
            var token = await GetTokenAsync(forceNew: false, trace, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        public async Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            trace.Verbose("The token was refused (401); fetching a new one for client " + ClientId + ".");
            await GetTokenAsync(forceNew: true, trace, cancellationToken).ConfigureAwait(false);
            return true;
        }

        public void Dispose()
        {
            tokenClient.Dispose();
            gate.Dispose();
        }

        private async Task<string> GetTokenAsync(bool forceNew, IApiTrace trace, CancellationToken cancellationToken)
        {
            var seen = accessToken;
            if (!forceNew && seen != null && clock() < renewAt)
            {
                return seen;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another request may have renewed the token while this one waited.
                if (accessToken != null && clock() < renewAt && (!forceNew || !ReferenceEquals(accessToken, seen)))
                {
                    return accessToken;
                }

                var (token, lifetime) = await FetchAsync(trace, cancellationToken).ConfigureAwait(false);
                accessToken = token;
                renewAt = clock() + RenewalPoint(lifetime);
                TokensFetched++;
                return token;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Renew a minute before expiry, or at 90% of a short lifetime.</summary>
        private static TimeSpan RenewalPoint(TimeSpan lifetime)
        {
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, lifetime.Ticks / 10));
            return lifetime - margin;
        }

        private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(IApiTrace trace, CancellationToken cancellationToken)
        {
            var secret = new NetworkCredential(string.Empty, clientSecret).Password;
            var form = "grant_type=client_credentials&client_id=" + Uri.EscapeDataString(ClientId) + "&client_secret=" + Uri.EscapeDataString(secret);
            var request = new ApiRequest(HttpMethod.Post, "oauth/token", form, "application/x-www-form-urlencoded")
            {
                Sensitive = true,
                Summary = "token for client " + ClientId,
            };
            var response = await tokenClient.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                var failure = response.Status == HttpStatusCode.Unauthorized || response.Status == HttpStatusCode.BadRequest
                    ? ApiFailure.Unauthorized
                    : ApiException.FailureFor(response.Status);
                throw new ApiException(
                    failure,
                    "The ISC token endpoint " + TokenUri + " refused client " + ClientId + " (" + (int)response.Status + " " + ErrorCode(response.Body) + ").",
                    response.Status);
            }

            // The body holds the token: it is never put into a message or an exception, only described.
            var json = UnexpectedAnswer.TryParse(response.Body) as JObject;
            var token = json?["access_token"] is JValue value && value.Type == JTokenType.String ? (string?)value.Value : null;
            if (string.IsNullOrEmpty(token) || token!.Any(char.IsWhiteSpace))
            {
                var problem = json == null ? "not an object" : "no access_token string";
                throw new ApiException(
                    ApiFailure.UnexpectedResponse,
                    "The ISC token endpoint " + TokenUri + " answered " + (int)response.Status + " with " + UnexpectedAnswer.Describe(response.Body, problem) + " instead of the token it documents, so no request was sent.",
                    response.Status);
            }

            var lifetime = json!["expires_in"] is JValue expires && (expires.Type == JTokenType.Integer || expires.Type == JTokenType.Float)
                ? Convert.ToDouble(expires.Value, System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            return (token!, TimeSpan.FromSeconds(lifetime > 0 && lifetime < TimeSpan.MaxValue.TotalSeconds / 2 ? lifetime : 60));
        }

        private static string ErrorCode(string body)
        {
            // Only the OAuth error code: error_description and anything else of the body stay out of messages.
            var code = UnexpectedAnswer.Text((UnexpectedAnswer.TryParse(body) as JObject)?["error"]);
            return string.IsNullOrWhiteSpace(code) || code!.Length > 100 ? "no error code" : code;
        }
    }
}
