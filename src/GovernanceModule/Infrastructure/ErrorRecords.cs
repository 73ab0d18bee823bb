using System;
using System.Management.Automation;
using System.Linq;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Journal;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The one place ErrorRecords and their ids are made from what Core reports: a stable id (the API's noun or prefix
    /// from <see cref="ApiName"/> + what went wrong), the category that fits the failure, the input as target, and
    /// ErrorDetails with what support needs and the advice that names this module's commands and parameters (Core
    /// states only the fact).
    /// </summary>
    internal static class ErrorRecords
    {
        private const string JournalIdPrefix = "GovernanceJournal";

        /// <summary>Input refused before any request: id &lt;Noun&gt;InvalidInput, such as ProvTaskInvalidInput; InvalidArgument.</summary>
        public static ErrorRecord InvalidInput(Exception ex, ApiName api, object? target) =>
            new ErrorRecord(ex, api.Noun + "InvalidInput", ErrorCategory.InvalidArgument, target);

        /// <summary>
        /// A CSV whose columns would be bound wrongly or not at all (a look-alike column, a header that gives the id no
        /// column): id &lt;Noun&gt;InvalidColumns, such as ProvTaskInvalidColumns; InvalidData; the first row as target.
        /// </summary>
        public static ErrorRecord InvalidColumns(Exception ex, ApiName api, object? target) =>
            new ErrorRecord(ex, api.Noun + "InvalidColumns", ErrorCategory.InvalidData, target);

        /// <summary>Connect-* parameters that make no connection: id &lt;Api&gt;InvalidInput, such as OigInvalidInput; InvalidArgument.</summary>
        public static ErrorRecord InvalidConnection(Exception ex, ApiName api, object? target) =>
            new ErrorRecord(ex, api.ErrorIdPrefix + "InvalidInput", ErrorCategory.InvalidArgument, target);

        /// <summary>Credentials that would go over plain http to another machine: id &lt;Api&gt;UnencryptedAuthentication, InvalidArgument; the URI as target.</summary>
        public static ErrorRecord UnencryptedAuthentication(UnencryptedAuthenticationException ex, ApiName api) =>
            new ErrorRecord(ex, api.ErrorIdPrefix + "UnencryptedAuthentication", ErrorCategory.InvalidArgument, ex.Uri);

        /// <summary>No connection to use: id &lt;Api&gt;NotConnected, ConnectionError.</summary>
        public static ErrorRecord NotConnected(ApiName api) =>
            new ErrorRecord(
                new InvalidOperationException("There is no " + api.Display + " connection. Run " + api.ConnectExample + ", or pass -Connection."),
                api.ErrorIdPrefix + "NotConnected",
                ErrorCategory.ConnectionError,
                null);

        /// <summary>A connection closed with Disconnect-*: id &lt;Api&gt;ConnectionClosed, ConnectionError.</summary>
        public static ErrorRecord ConnectionClosed(ApiName api, IApiConnection connection) =>
            new ErrorRecord(
                new InvalidOperationException("This " + api.Display + " connection to " + connection.Uri.Authority + " was closed with " + api.DisconnectCommand + ". Run " + api.ConnectCommand + " again."),
                api.ErrorIdPrefix + "ConnectionClosed",
                ErrorCategory.ConnectionError,
                connection);

        /// <summary>
        /// A failed input: id &lt;Noun&gt;&lt;failure&gt;, such as ProvTaskNotFound or WorkflowSessionBadRequest, the category
        /// that fits, the input as target, and ErrorDetails from the server's answer and the advice for the failure (see
        /// <see cref="Details"/>). <paramref name="message"/> names the input.
        /// </summary>
        public static ErrorRecord ForItem(ItemFailure failure, ApiName api, string message, object? target) =>
            Details(new ErrorRecord(new ItemFailedException(message, failure), api.Noun + failure.Kind, CategoryFor(failure.Kind), target), message, failure, api);

        /// <summary>A failed read, Core's exception kept as it is: &lt;Noun&gt;&lt;failure&gt;; any other exception is &lt;Noun&gt;UnexpectedFailure.</summary>
        public static ErrorRecord Failed(Exception ex, ApiName api, object? target) =>
            ex is ApiException failed
                ? Details(new ErrorRecord(failed, api.Noun + failed.Failure, CategoryFor(failed.Failure), target), failed.Message, ItemFailure.From(failed), api)
                : new ErrorRecord(ex, api.Noun + "UnexpectedFailure", ErrorCategory.NotSpecified, target);

        /// <summary>
        /// A journal (-JournalPath) that cannot be used: id GovernanceJournal&lt;problem&gt;, such as GovernanceJournalInUse
        /// (ResourceBusy), GovernanceJournalDamaged (InvalidData), GovernanceJournalDifferentRun or
        /// GovernanceJournalDifferentInput (InvalidArgument). <paramref name="row"/>, when given, goes in front of the message.
        /// </summary>
        public static ErrorRecord Journal(JournalException ex, object? target, string? row = null) =>
            new ErrorRecord(
                row == null ? ex : new JournalException(ex.Problem, ex.Path, row + ": " + ex.Message, ex),
                JournalIdPrefix + ex.Problem,
                ex.Problem == JournalProblem.InUse ? ErrorCategory.ResourceBusy : ex.Problem == JournalProblem.Damaged ? ErrorCategory.InvalidData : ErrorCategory.InvalidArgument,
                target);

        /// <summary>No journal at the path given: id GovernanceJournalNotFound, ObjectNotFound.</summary>
        public static ErrorRecord JournalNotFound(string path, object? target) =>
            new ErrorRecord(
                new System.IO.FileNotFoundException("There is no journal at " + path + ". Give the path that was given to -JournalPath.", path),
                JournalIdPrefix + "NotFound",
                ErrorCategory.ObjectNotFound,
                target);

        /// <summary>A list that cannot be read, which no later page can avoid: id &lt;Noun&gt;List&lt;failure&gt;, such as ProvTaskListServerError.</summary>
        public static ErrorRecord ListFailed(ApiException ex, ApiName api, object? target) =>
            Terminating(ex, api, api.Noun + "List" + ex.Failure, target);

        /// <summary>
        /// A connection that cannot be used (refused credentials, no server, no answer, an untrusted certificate), in
        /// Connect-* or in a later command: id &lt;Api&gt;AuthenticationFailed, &lt;Api&gt;CertificateRejected or &lt;Api&gt;Unreachable.
        /// </summary>
        public static ErrorRecord ConnectionFailed(ApiException ex, ApiName api, object? target) =>
            Terminating(ex, api, ConnectionFailureId(api, ex.Failure), target);

        /// <summary>
        /// Connect-*'s check answered, but not as the API (a 404 from a wrong path, a page that is not the API's): id
        /// &lt;Api&gt;ApiNotFound, with the API base that was tried and what to check.
        /// </summary>
        public static ErrorRecord NotTheApi(ApiException ex, ApiName api, Uri apiUri, object? target)
        {
            var advice = "Check the path of " + api.UriParameters + " given to " + api.ConnectCommand + ": the server's root is enough.";
            var record = new ErrorRecord(ex, api.ErrorIdPrefix + "ApiNotFound", CategoryFor(ex.Failure), target);
            record.ErrorDetails = new ErrorDetails(ex.Message + " The server answered, but not as the " + api.Display + " API (API base " + apiUri + "). " + advice) { RecommendedAction = advice };
            return record;
        }

        /// <summary>True when an answer to Connect-*'s check says the server is not the API there: a wrong path, or a page that is not the API's.</summary>
        public static bool IsNotTheApi(ApiFailure failure) =>
            failure == ApiFailure.NotFound || failure == ApiFailure.BadRequest || failure == ApiFailure.UnexpectedResponse;

        private static ErrorRecord Terminating(ApiException ex, ApiName api, string errorId, object? target) =>
            Details(new ErrorRecord(ex, errorId, CategoryFor(ex.Failure), target), ex.Message, ItemFailure.From(ex), api);

        /// <summary>
        /// The end of the error id for a failure that makes a connection useless, in Connect-* and in any later command:
        /// AuthenticationFailed for refused credentials, CertificateRejected, and Unreachable for the rest (no server,
        /// no answer in time).
        /// </summary>
        private static string ConnectionFailureId(ApiName api, ApiFailure failure) =>
            api.ErrorIdPrefix + (failure == ApiFailure.Unauthorized ? "AuthenticationFailed" : failure == ApiFailure.CertificateRejected ? "CertificateRejected" : "Unreachable");

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

        /// <summary>
        /// PowerShell 7 shows RecommendedAction under the message (as "Recommendation:"), so there the advice is said only
        /// there; Windows PowerShell 5.1 never shows it, so there the advice ends the message.
        /// </summary>
        private static readonly bool RecommendationShown = typeof(PSObject).Assembly.GetName().Version.Major >= 7;

        /// <summary>
        /// What the cmdlet layer adds to the message the user sees: ISC's trackingId and what to do with it, the fields
        /// NERM refused, and the advice for the failure kind (which command or parameter to check) as the
        /// RecommendedAction.
        /// </summary>
        private static ErrorRecord Details(ErrorRecord record, string message, ItemFailure failure, ApiName api)
        {
            var shown = message;
            string? action = null;
            if (failure.TrackingId != null)
            {
                shown += " (trackingId " + failure.TrackingId + ")";
                action = "Quote trackingId " + failure.TrackingId + " if you open a SailPoint support case.";
            }
            else if (failure.FieldErrors.Count > 0)
            {
                action = "Correct " + string.Join(", ", failure.FieldErrors.Select(f => f.Key).Distinct()) + " and send the input again.";
            }

            var advice = AdviceFor(failure.Kind, api);
            if (advice != null)
            {
                if (!RecommendationShown)
                {
                    shown += " " + advice;
                }

                action = action == null ? advice : advice + " " + action;
            }

            if (action != null)
            {
                record.ErrorDetails = new ErrorDetails(shown) { RecommendedAction = action };
            }

            return record;
        }
    }
}
