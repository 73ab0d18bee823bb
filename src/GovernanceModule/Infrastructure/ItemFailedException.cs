using System;
using System.Collections.Generic;
using System.Net;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The exception of a failed input's ErrorRecord: the message names the input ("Row 5: task 424242 (SetNote)
    /// failed: …"), the rest is what Core found, kept as it was, with the exception Core found it as, if any, inside.
    /// </summary>
    public sealed class ItemFailedException : Exception
    {
        internal ItemFailedException(string message, ItemFailure failure)
            : base(message, failure.Cause)
        {
            Failure = failure.Kind;
            Status = (failure.Cause as ApiException)?.Status;
            ResponseBody = failure.ResponseBody;
            TrackingId = failure.TrackingId;
            FieldErrors = failure.FieldErrors;
        }

        public ApiFailure Failure { get; }

        public HttpStatusCode? Status { get; }

        /// <summary>The server's answer, when there was one.</summary>
        public string? ResponseBody { get; }

        /// <summary>ISC's trackingId, for a SailPoint support case.</summary>
        public string? TrackingId { get; }

        /// <summary>NERM's per-field messages of a 400.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> FieldErrors { get; }
    }
}
