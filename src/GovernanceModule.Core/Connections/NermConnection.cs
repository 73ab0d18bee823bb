using System;
using System.Security;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// A session with one SailPoint NERM tenant: its API base and a bearer token, either fixed (a NERM API key or a
    /// ready token) or fetched with ISC client credentials and renewed before it expires. Shows the URI and the
    /// client id, never a secret.
    /// </summary>
    public sealed class NermConnection : IApiConnection
    {
        public const string ApiPath = "api/";

        /// <summary>Concurrent requests beyond the cmdlets' highest -ThrottleLimit gain nothing.</summary>
        private const int MaxConnections = 64;

        private readonly IscTokenAuthenticator? iscTokens;

        /// <summary>Authenticates with a fixed bearer token: a NERM API key, or an access token obtained elsewhere.</summary>
        public NermConnection(Uri uri, SecureString token, NermStatusMember statusMember = NermStatusMember.Status, ApiClientOptions? options = null)
            : this(uri, statusMember, options)
        {
            Authentication = NermAuthentication.Token;
            Client = new ApiClient(Uri, new BearerTokenAuthenticator(token), ClientOptions(options));
        }

        /// <summary>Authenticates with ISC client credentials (an ISC personal access token), exchanged at the ISC tenant's /oauth/token.</summary>
        public NermConnection(Uri uri, Uri iscUri, string clientId, SecureString clientSecret, NermStatusMember statusMember = NermStatusMember.Status, ApiClientOptions? options = null)
            : this(uri, statusMember, options)
        {
            if (iscUri == null || !IsHttp(iscUri))
            {
                throw new ArgumentException("The ISC URI must be an absolute http or https URI, such as https://acme.api.identitynow.com.", nameof(iscUri));
            }

            ConnectionUris.RefuseUserInfo(iscUri, "ISC", nameof(iscUri));
            ConnectionUris.RefuseUnencrypted(iscUri, "ISC token", options);

            Authentication = NermAuthentication.IscClientCredentials;
            ClientId = clientId;
            var clientOptions = ClientOptions(options);
            iscTokens = new IscTokenAuthenticator(iscUri, clientId, clientSecret, clientOptions);
            IscTokenUri = iscTokens.TokenUri;
            Client = new ApiClient(Uri, iscTokens, clientOptions);
        }

        private NermConnection(Uri uri, NermStatusMember statusMember, ApiClientOptions? options)
        {
            if (uri == null || !IsHttp(uri))
            {
                throw new ArgumentException("The NERM URI must be an absolute http or https URI, such as https://acme.nonemployee.com.", nameof(uri));
            }

            ConnectionUris.RefuseUserInfo(uri, "NERM", nameof(uri));
            ConnectionUris.RefuseUnencrypted(uri, "NERM", options);

            Uri = ToApiBase(uri);
            StatusMember = statusMember;
            SkipCertificateCheck = options?.SkipCertificateCheck ?? false;
            Client = null!;
        }

        /// <summary>The API base, ending in /api/.</summary>
        public Uri Uri { get; }

        public NermAuthentication Authentication { get; }

        /// <summary>The ISC client id, when the token comes from client credentials.</summary>
        public string? ClientId { get; }

        public Uri? IscTokenUri { get; }

        public NermStatusMember StatusMember { get; }

        public bool SkipCertificateCheck { get; }

        /// <summary>True when the API and, with ISC client credentials, the ISC token URL use https.</summary>
        public bool IsEncrypted => ConnectionUris.IsEncrypted(Uri) && (IscTokenUri == null || ConnectionUris.IsEncrypted(IscTokenUri));

        public ApiClient Client { get; }

        /// <summary>Tokens fetched from ISC so far (0 with a fixed token): -Verbose and tests show the token is reused.</summary>
        public int TokensFetched => iscTokens?.TokensFetched ?? 0;

        public override string ToString() =>
            "NERM " + Uri + (Authentication == NermAuthentication.Token ? " with a bearer token" : " with ISC client " + ClientId);

        public bool IsClosed { get; private set; }

        public void Dispose()
        {
            IsClosed = true;
            Client.Dispose();
            iscTokens?.Dispose();
        }

        /// <summary>https://{tenant}.nonemployee.com/api/ for a tenant name such as acme.</summary>
        public static Uri ForTenant(string tenant)
        {
            var name = (tenant ?? string.Empty).Trim();
            if (name.Length == 0 || Uri.CheckHostName(name + ".nonemployee.com") != UriHostNameType.Dns || name.IndexOf('.') >= 0)
            {
                throw new ArgumentException("'" + tenant + "' is not a NERM tenant name. Give the name only, such as acme for https://acme.nonemployee.com.", nameof(tenant));
            }

            return new Uri("https://" + name.ToLowerInvariant() + ".nonemployee.com/" + ApiPath);
        }

        /// <summary>Accepts the tenant root (https://acme.nonemployee.com) or the API base and returns the API base.</summary>
        public static Uri ToApiBase(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
            return text.EndsWith("/" + ApiPath, StringComparison.OrdinalIgnoreCase) ? new Uri(text) : new Uri(text + ApiPath);
        }

        private static bool IsHttp(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

        private static ApiClientOptions ClientOptions(ApiClientOptions? options)
        {
            var clientOptions = options ?? new ApiClientOptions();
            if (clientOptions.MaxConnectionsPerServer == null)
            {
                clientOptions.MaxConnectionsPerServer = MaxConnections;
            }

            return clientOptions;
        }
    }

    public enum NermAuthentication
    {
        /// <summary>A fixed bearer token: a NERM API key or a ready access token.</summary>
        Token,

        /// <summary>ISC client credentials, exchanged for access tokens that are renewed before they expire.</summary>
        IscClientCredentials,
    }
}
