using System;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Connections
{
    /// <summary>Checks shared by the connections' URIs.</summary>
    internal static class ConnectionUris
    {
        /// <summary>
        /// Refuses a URI with a user name or password in it (https://user:password@host): the connection shows its URI
        /// in ToString(), -Verbose and every message, so a password there would be shown everywhere. The message does
        /// not repeat the URI.
        /// </summary>
        public static void RefuseUserInfo(Uri uri, string what, string paramName)
        {
            if (uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new ArgumentException(
                    "The " + what + " URI must not hold a user name or password (user:password@host): give them as the credential parameters, which keep them secret. Nothing was sent.",
                    paramName);
            }
        }

        /// <summary>
        /// Refuses a plain http URI to another machine unless the options allow it: every request carries the
        /// credentials (a password, an API key, a client secret or a token), which http shows to anyone on the way.
        /// Loopback (127.0.0.0/8, ::1, localhost) never leaves the machine, so it needs no permission.
        /// </summary>
        public static void RefuseUnencrypted(Uri uri, string what, ApiClientOptions? options)
        {
            if (uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !(options?.AllowUnencryptedAuthentication ?? false))
            {
                throw new UnencryptedAuthenticationException(
                    "The " + what + " URI " + uri.GetLeftPart(UriPartial.Authority) + " is not encrypted (http): the credentials would cross the network readable by anyone on the way. "
                    + "Use https; only on a network you trust, give -AllowUnencryptedAuthentication to send them anyway. Nothing was sent.",
                    uri);
            }
        }

        /// <summary>True for https: what <see cref="IApiConnection.IsEncrypted"/> reports for each URI that carries credentials.</summary>
        public static bool IsEncrypted(Uri uri) => uri.Scheme == Uri.UriSchemeHttps;
    }
}
