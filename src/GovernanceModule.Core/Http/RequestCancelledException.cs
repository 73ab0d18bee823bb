using System;
using System.Threading;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// A request given up because its caller cancelled (Ctrl+C), telling whether the server may have applied it, so
    /// that every item of a stopped run can be accounted for: sent with an unknown outcome, or not sent.
    /// </summary>
    public sealed class RequestCancelledException : OperationCanceledException
    {
        public RequestCancelledException(string label, bool outcomeUnknown, CancellationToken token)
            : base(label + (outcomeUnknown
                ? ": stopped while the request was with the server; whether it applied the change is unknown."
                : ": stopped before the request was sent; nothing was changed."), token)
        {
            OutcomeUnknown = outcomeUnknown;
        }

        /// <summary>
        /// True when an attempt had reached the server without an answer that says it was not applied (the request
        /// was in flight, or an earlier attempt ended in a 5xx or a dropped connection).
        /// </summary>
        public bool OutcomeUnknown { get; }
    }
}
