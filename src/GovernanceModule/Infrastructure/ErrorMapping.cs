using System.Management.Automation;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    internal static class ErrorMapping
    {
        public static ErrorCategory CategoryFor(ApiFailure failure)
        {
            switch (failure)
            {
                case ApiFailure.BadRequest: return ErrorCategory.InvalidArgument;
                case ApiFailure.Unauthorized: return ErrorCategory.AuthenticationError;
                case ApiFailure.Forbidden: return ErrorCategory.PermissionDenied;
                case ApiFailure.NotFound: return ErrorCategory.ObjectNotFound;
                case ApiFailure.Rejected: return ErrorCategory.InvalidOperation;
                case ApiFailure.Throttled: return ErrorCategory.LimitsExceeded;
                case ApiFailure.ServerError: return ErrorCategory.ResourceUnavailable;
                case ApiFailure.Unreachable: return ErrorCategory.ConnectionError;
                case ApiFailure.Timeout: return ErrorCategory.OperationTimeout;
                case ApiFailure.OutcomeUnknown: return ErrorCategory.ConnectionError;
                case ApiFailure.CertificateRejected: return ErrorCategory.SecurityError;
                case ApiFailure.ChangedSinceRead: return ErrorCategory.ResourceBusy;
                default: return ErrorCategory.InvalidResult;
            }
        }
    }
}
