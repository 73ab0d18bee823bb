using System;
using System.Collections.Generic;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Why one input's change failed, as Core found it: the kind (which the cmdlet layer maps to an error id and a
    /// category), a plain reason, the server's response body, and what a vendor adds: ISC's trackingId for support
    /// cases, NERM's per-field messages.
    /// </summary>
    public sealed class ItemFailure
    {
        private static readonly IReadOnlyList<KeyValuePair<string, string>> NoFields = new KeyValuePair<string, string>[0];

        public ItemFailure(ApiFailure kind, string reason, string? responseBody = null, string? trackingId = null, IReadOnlyList<KeyValuePair<string, string>>? fieldErrors = null, Exception? cause = null)
        {
            Kind = kind;
            Reason = reason ?? throw new ArgumentNullException(nameof(reason));
            ResponseBody = string.IsNullOrEmpty(responseBody) ? null : responseBody;
            TrackingId = trackingId;
            FieldErrors = fieldErrors ?? NoFields;
            Cause = cause;
        }

        public ApiFailure Kind { get; }

        /// <summary>Why, in words, without the input's name: the cmdlet layer puts the row in front.</summary>
        public string Reason { get; }

        /// <summary>The server's answer when it explains the failure; null when there was none.</summary>
        public string? ResponseBody { get; }

        /// <summary>ISC's trackingId, for a SailPoint support case.</summary>
        public string? TrackingId { get; }

        /// <summary>NERM's messages per field of a 400, in the server's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> FieldErrors { get; }

        /// <summary>The exception the failure was found as, when there was one.</summary>
        public Exception? Cause { get; }

        /// <summary>A request that failed for good, as its exception tells it.</summary>
        public static ItemFailure From(ApiException ex) =>
            new ItemFailure(ex.Failure, ex.Message, ex.ResponseBody, (ex as IscApiException)?.TrackingId, cause: ex);
    }
}
