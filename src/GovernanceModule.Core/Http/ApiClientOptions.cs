using System;
using System.Collections.Generic;

namespace GovernanceModule.Core.Http
{
    public sealed class ApiClientOptions
    {
        /// <summary>Time allowed for one attempt, from sending to the last byte of the answer.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        public bool SkipCertificateCheck { get; set; }

        /// <summary>
        /// Send credentials over plain http to a host other than this machine. Without it a connection refuses such a
        /// URI, as Invoke-RestMethod does without -AllowUnencryptedAuthentication.
        /// </summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        /// <summary>
        /// Connections kept open to the server at once; null keeps the platform's default. Windows PowerShell 5.1's
        /// default is 2 per host, which would serialize concurrent requests.
        /// </summary>
        public int? MaxConnectionsPerServer { get; set; }

        /// <summary>The client-side limit every attempt waits for (ISC's requests per client id); null for none.</summary>
        public RequestRateLimiter? RateLimiter { get; set; }

        /// <summary>Headers sent on every request other than GET (OIG's X-Requested-By).</summary>
        public IDictionary<string, string> WriteHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}
