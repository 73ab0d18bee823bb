using System;
using System.Net.Http;

namespace GovernanceModule.Core.Http
{
    /// <summary>One HTTP call as Core describes it; ApiClient adds auth, headers and retries.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string relativePath, string? body = null, string contentType = "application/json")
        {
            Method = method;
            RelativePath = relativePath;
            Body = body;
            ContentType = contentType;
        }

        public HttpMethod Method { get; }

        /// <summary>Path and query relative to the connection's base URI, without a leading slash.</summary>
        public string RelativePath { get; }

        public string? Body { get; }

        public string ContentType { get; }

        /// <summary>
        /// True when sending the request twice has the same effect as sending it once. Only such a request
        /// is re-sent after an outcome that leaves open whether the server applied it (a dropped connection,
        /// a 502 or 504 from a gateway).
        /// </summary>
        public bool Idempotent { get; set; } = true;

        /// <summary>True when the request or response body holds a secret (a client secret, a token): no body is traced.</summary>
        public bool Sensitive { get; set; }

        /// <summary>A short description for -Verbose, such as "50 tasks".</summary>
        public string? Summary { get; set; }
    }
}
