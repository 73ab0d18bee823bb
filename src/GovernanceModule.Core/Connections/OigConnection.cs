using System;
using System.Security;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// A session with one Oracle Identity Governance server: its Self Service REST base URI and the Basic
    /// credentials. Shows the user and URI, never the password.
    /// </summary>
    public sealed class OigConnection : IApiConnection
    {
        public const string ApiPath = "iam/governance/selfservice/api/v1/";
        private const string RequestedByValue = "GovernanceModule";

        public OigConnection(Uri serverUri, string userName, SecureString password, ApiClientOptions? options = null)
        {
            if (serverUri == null)
            {
                throw new ArgumentNullException(nameof(serverUri));
            }

            if (!serverUri.IsAbsoluteUri || (serverUri.Scheme != Uri.UriSchemeHttps && serverUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException("The OIG server URI must be an absolute http or https URI, such as https://oig.example.com:14000.", nameof(serverUri));
            }

            ConnectionUris.RefuseUserInfo(serverUri, "OIG server", nameof(serverUri));
            var clientOptions = options ?? new ApiClientOptions();
            ConnectionUris.RefuseUnencrypted(serverUri, "OIG server", clientOptions);
            UserName = userName;
            Uri = ToApiBase(serverUri);
            clientOptions.WriteHeaders["X-Requested-By"] = RequestedByValue;
            SkipCertificateCheck = clientOptions.SkipCertificateCheck;
            Client = new ApiClient(Uri, new BasicAuthenticator(userName, password), clientOptions);
        }

        /// <summary>The Self Service REST base, ending in /iam/governance/selfservice/api/v1/.</summary>
        public Uri Uri { get; }

        public string UserName { get; }

        public bool SkipCertificateCheck { get; }

        public bool IsEncrypted => ConnectionUris.IsEncrypted(Uri);

        public ApiClient Client { get; }

        public override string ToString() => "OIG " + Uri + " as " + UserName;

        public bool IsClosed { get; private set; }

        public void Dispose()
        {
            IsClosed = true;
            Client.Dispose();
        }

        /// <summary>Accepts the server root (https://host:port) or the full API base and returns the API base.</summary>
        public static Uri ToApiBase(Uri serverUri)
        {
            var text = serverUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
            var at = text.IndexOf(ApiPath, StringComparison.OrdinalIgnoreCase);
            return at >= 0 ? new Uri(text.Substring(0, at) + ApiPath) : new Uri(text + ApiPath);
        }
    }
}
