using System.Management.Automation;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// What the cmdlet layer makes of a failure kind: its ErrorCategory, the error id of a connection that cannot be
    /// used, and the advice that names this module's commands and parameters (Core states only the fact).
    /// </summary>
    internal static class ErrorMapping
    {
        /// <summary>
        /// The end of the error id for a failure that makes a connection useless, in Connect-* and in any later command:
        /// AuthenticationFailed for refused credentials, CertificateRejected, and Unreachable for the rest (no server,
        /// no such host, no answer in time).
        /// </summary>
        public static string ConnectionFailureId(ApiName api, ApiFailure failure) =>
            api.ErrorIdPrefix + (failure == ApiFailure.Unauthorized ? "AuthenticationFailed" : failure == ApiFailure.CertificateRejected ? "CertificateRejected" : "Unreachable");

        /// <summary>True when an answer to Connect-*'s check says the server is not the API there: a wrong path, or a page that is not the API's.</summary>
        public static bool IsNotTheApi(ApiFailure failure) =>
            failure == ApiFailure.NotFound || failure == ApiFailure.BadRequest || failure == ApiFailure.UnexpectedResponse;

        /// <summary>What the user can do about a failure of this kind on this API; null when the message says enough.</summary>
        public static string? AdviceFor(ApiFailure failure, ApiName api)
        {
            switch (failure)
            {
                case ApiFailure.Unauthorized:
                    return api.CredentialsAdvice;
                case ApiFailure.Timeout:
                    return "If the server is only slow, raise -TimeoutSec of " + api.ConnectCommand + " (default 100 s).";
                case ApiFailure.CertificateRejected:
                    return "Trust the server's certificate authority on this machine; only for a test server, connect with " + api.ConnectCommand + " -SkipCertificateCheck.";
                default:
                    return null;
            }
        }

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
