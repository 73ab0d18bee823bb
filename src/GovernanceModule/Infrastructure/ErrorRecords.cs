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
        /// that fits, the input as target, and ErrorDetails from the server's answer (see <see cref="Details"/>).
        /// <paramref name="message"/> names the input.
        /// </summary>
        public static ErrorRecord ForItem(ItemFailure failure, string errorIdPrefix, string message, object? target) =>
            Details(new ErrorRecord(new ItemFailedException(message, failure), errorIdPrefix + failure.Kind, ErrorMapping.CategoryFor(failure.Kind), target), message, failure);

        /// <summary>A failed read, Core's exception kept as it is; any other exception is &lt;prefix&gt;UnexpectedFailure.</summary>
        public static ErrorRecord Failed(Exception ex, string errorIdPrefix, object? target) =>
            ex is ApiException api
                ? Details(new ErrorRecord(api, errorIdPrefix + api.Failure, ErrorMapping.CategoryFor(api.Failure), target), api.Message, ItemFailure.From(api))
                : new ErrorRecord(ex, errorIdPrefix + "UnexpectedFailure", ErrorCategory.NotSpecified, target);

        /// <summary>What the server's answer adds: ISC's trackingId and what to do with it, the fields NERM refused.</summary>
        private static ErrorRecord Details(ErrorRecord record, string message, ItemFailure failure)
        {
            if (failure.TrackingId != null)
            {
                record.ErrorDetails = new ErrorDetails(message + " (trackingId " + failure.TrackingId + ")")
                {
                    RecommendedAction = "Quote trackingId " + failure.TrackingId + " if you open a SailPoint support case.",
                };
            }
            else if (failure.FieldErrors.Count > 0)
            {
                record.ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Correct " + string.Join(", ", failure.FieldErrors.Select(f => f.Key).Distinct()) + " and send the input again.",
                };
            }

            return record;
        }

        /// <summary>A failure no later input can avoid, such as refused credentials.</summary>
        public static ErrorRecord Terminating(ApiException ex, string errorId, object? target) =>
            new ErrorRecord(ex, errorId, ErrorMapping.CategoryFor(ex.Failure), target);
    }
}
