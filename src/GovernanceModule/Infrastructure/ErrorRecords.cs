using System;
using System.Management.Automation;
using System.Linq;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The one place ErrorRecords are made from what Core reports: a stable id (the item's prefix + the failure kind),
    /// the category that fits the failure, the input as target, and ErrorDetails with what support needs.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>Input refused before any request: id &lt;prefix&gt;InvalidInput, InvalidArgument.</summary>
        public static ErrorRecord InvalidInput(InputValidationException ex, string errorIdPrefix, object? target) =>
            new ErrorRecord(ex, errorIdPrefix + "InvalidInput", ErrorCategory.InvalidArgument, target);

        /// <summary>
        /// A failed input: id &lt;prefix&gt;&lt;failure&gt;, such as ProvTaskNotFound or WorkflowSessionBadRequest, the category
        /// that fits, the input as target, and ErrorDetails from the server's answer and the advice for the failure (see
        /// <see cref="Details"/>). <paramref name="message"/> names the input.
        /// </summary>
        public static ErrorRecord ForItem(ItemFailure failure, ApiName api, string errorIdPrefix, string message, object? target) =>
            Details(new ErrorRecord(new ItemFailedException(message, failure), errorIdPrefix + failure.Kind, ErrorMapping.CategoryFor(failure.Kind), target), message, failure, api);

        /// <summary>A failed read, Core's exception kept as it is; any other exception is &lt;prefix&gt;UnexpectedFailure.</summary>
        public static ErrorRecord Failed(Exception ex, ApiName api, string errorIdPrefix, object? target) =>
            ex is ApiException failed
                ? Details(new ErrorRecord(failed, errorIdPrefix + failed.Failure, ErrorMapping.CategoryFor(failed.Failure), target), failed.Message, ItemFailure.From(failed), api)
                : new ErrorRecord(ex, errorIdPrefix + "UnexpectedFailure", ErrorCategory.NotSpecified, target);

        /// <summary>A failure no later input can avoid, such as a list that cannot be read: id <paramref name="errorId"/>.</summary>
        public static ErrorRecord Terminating(ApiException ex, ApiName api, string errorId, object? target) =>
            Details(new ErrorRecord(ex, errorId, ErrorMapping.CategoryFor(ex.Failure), target), ex.Message, ItemFailure.From(ex), api);

        /// <summary>
        /// A connection that cannot be used (refused credentials, no server, no answer, an untrusted certificate), in
        /// Connect-* or in a later command: id &lt;Api&gt;AuthenticationFailed, &lt;Api&gt;CertificateRejected or &lt;Api&gt;Unreachable.
        /// </summary>
        public static ErrorRecord ConnectionFailed(ApiException ex, ApiName api, object? target) =>
            Terminating(ex, api, ErrorMapping.ConnectionFailureId(api, ex.Failure), target);

        /// <summary>
        /// Connect-*'s check answered, but not as the API (a 404 from a wrong path, a page that is not the API's): id
        /// &lt;Api&gt;ApiNotFound, with the API base that was tried and what to check.
        /// </summary>
        public static ErrorRecord NotTheApi(ApiException ex, ApiName api, Uri apiUri, object? target)
        {
            var advice = "Check the path of " + api.UriParameters + " given to " + api.ConnectCommand + ": the server's root is enough.";
            var record = new ErrorRecord(ex, api.ErrorIdPrefix + "ApiNotFound", ErrorMapping.CategoryFor(ex.Failure), target);
            record.ErrorDetails = new ErrorDetails(ex.Message + " The server answered, but not as the " + api.Display + " API (API base " + apiUri + "). " + advice) { RecommendedAction = advice };
            return record;
        }

        /// <summary>
        /// What the cmdlet layer adds to the message the user sees: ISC's trackingId and what to do with it, the fields
        /// NERM refused, and the advice for the failure kind (which command or parameter to check), also as the
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

            var advice = ErrorMapping.AdviceFor(failure.Kind, api);
            if (advice != null)
            {
                shown += " " + advice;
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
