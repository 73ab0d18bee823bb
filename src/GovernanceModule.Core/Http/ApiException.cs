using System;
using System.Net;

namespace GovernanceModule.Core.Http
{
    /// <summary>What kind of failure an <see cref="ApiException"/> reports; the cmdlet layer maps it to an ErrorCategory.</summary>
    public enum ApiFailure
    {
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        /// <summary>The server processed the item and refused it (an OIG FAIL entry).</summary>
        Rejected,
        Throttled,
        ServerError,
        Unreachable,
        Timeout,
        OutcomeUnknown,
        UnexpectedResponse,
        /// <summary>The server's TLS certificate was not trusted: nothing was sent.</summary>
        CertificateRejected,
        /// <summary>The server's copy changed since the change was made on it: nothing was overwritten (an ISC patch's tests).</summary>
        ChangedSinceRead,
    }

    /// <summary>
    /// A request that failed for good (after any retries). Carries the response body, which the cmdlets put into
    /// ErrorDetails, and never the request's credentials.
    /// </summary>
    public class ApiException : Exception
    {
        public ApiException(ApiFailure failure, string message, HttpStatusCode? status = null, string? responseBody = null, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Status = status;
            ResponseBody = responseBody;
        }

        public ApiFailure Failure { get; }

        public HttpStatusCode? Status { get; }

        public string? ResponseBody { get; }

        /// <summary>True when the whole call cannot go on (bad credentials): cmdlets stop instead of going to the next item.</summary>
        public bool IsTerminating => Failure == ApiFailure.Unauthorized;

        internal static ApiFailure FailureFor(HttpStatusCode status)
        {
            switch ((int)status)
            {
                case 400: return ApiFailure.BadRequest;
                case 401: return ApiFailure.Unauthorized;
                case 403: return ApiFailure.Forbidden;
                case 404: return ApiFailure.NotFound;
                case 429: return ApiFailure.Throttled;
                default: return (int)status >= 500 ? ApiFailure.ServerError : ApiFailure.BadRequest;
            }
        }
    }
}
