using System;

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
    }
}
