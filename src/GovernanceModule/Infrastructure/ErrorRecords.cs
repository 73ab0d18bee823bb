using System;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;

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

        /// <summary>A failed item: id &lt;prefix&gt;&lt;failure&gt;, such as ProvTaskNotFound; any other exception is &lt;prefix&gt;UnexpectedFailure.</summary>
        public static ErrorRecord Failed(Exception ex, string errorIdPrefix, object? target) =>
            ex is ApiException api
                ? Failed(api, errorIdPrefix + api.Failure, ErrorMapping.CategoryFor(api.Failure), target)
                : new ErrorRecord(ex, errorIdPrefix + "UnexpectedFailure", ErrorCategory.NotSpecified, target);

        public static ErrorRecord Failed(Exception ex, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(ex, errorId, category, target);
            if (ex is IscApiException isc && isc.TrackingId != null)
            {
                record.ErrorDetails = new ErrorDetails(ex.Message + " (trackingId " + isc.TrackingId + ")")
                {
                    RecommendedAction = "Quote trackingId " + isc.TrackingId + " if you open a SailPoint support case.",
                };
            }

            return record;
        }

        /// <summary>A failure no later input can avoid, such as refused credentials.</summary>
        public static ErrorRecord Terminating(ApiException ex, string errorId, object? target) =>
            new ErrorRecord(ex, errorId, ErrorMapping.CategoryFor(ex.Failure), target);
    }
}
