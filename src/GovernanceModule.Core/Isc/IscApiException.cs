using System;
using System.Net;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Isc
{
    /// <summary>An ISC request that failed for good, with the ErrorResponseDto's detail code and tracking id for support cases.</summary>
    public sealed class IscApiException : ApiException
    {
        public IscApiException(ApiFailure failure, string message, HttpStatusCode? status = null, string? responseBody = null, IscErrorBody? error = null, Exception? inner = null)
            : base(failure, message, status, responseBody, inner)
        {
            DetailCode = error?.DetailCode;
            TrackingId = error?.TrackingId;
        }

        public string? DetailCode { get; }

        public string? TrackingId { get; }
    }
}
