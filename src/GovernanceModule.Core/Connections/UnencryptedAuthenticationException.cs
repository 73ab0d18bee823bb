using System;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// A connection would send its credentials over plain http to another machine, and
    /// <see cref="Http.ApiClientOptions.AllowUnencryptedAuthentication"/> was not given. Nothing was sent.
    /// </summary>
    public sealed class UnencryptedAuthenticationException : ArgumentException
    {
        public UnencryptedAuthenticationException(string message, Uri uri)
            : base(message)
        {
            Uri = uri;
        }

        /// <summary>The http URI that would have carried the credentials.</summary>
        public Uri Uri { get; }
    }
}
