using System;
using System.Collections.Generic;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>What became of one update: the session as NERM returned it, or why it failed.</summary>
    public sealed class WorkflowSessionOutcome : IItemOutcome
    {
        private WorkflowSessionOutcome(WorkflowSessionUpdate update, WorkflowSession? session, ApiFailure? failure, string? reason, IReadOnlyList<KeyValuePair<string, string>> fieldErrors, string? errorDetails)
        {
            Update = update;
            Session = session;
            Failure = failure;
            Reason = reason;
            FieldErrors = fieldErrors;
            ErrorDetails = errorDetails;
        }

        public WorkflowSessionUpdate Update { get; }

        /// <summary>The full session after the update; null when it failed.</summary>
        public WorkflowSession? Session { get; }

        /// <summary>Null when the update succeeded.</summary>
        public ApiFailure? Failure { get; }

        /// <summary>Why it failed, with every field message of a 400 validation error.</summary>
        public string? Reason { get; }

        /// <summary>NERM's per-field messages of a 400 (the errors member), in the server's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> FieldErrors { get; }

        /// <summary>The server's response body when it explains the failure.</summary>
        public string? ErrorDetails { get; }

        object? IItemOutcome.Written => Session;

        ItemFailure? IItemOutcome.Failed =>
            Session == null ? new ItemFailure(Failure ?? ApiFailure.UnexpectedResponse, Reason ?? "no reason given", ErrorDetails, fieldErrors: FieldErrors) : null;

        public static WorkflowSessionOutcome Succeeded(WorkflowSessionUpdate update, WorkflowSession session) =>
            new WorkflowSessionOutcome(update, session, null, null, Array.Empty<KeyValuePair<string, string>>(), null);

        public static WorkflowSessionOutcome Failed(WorkflowSessionUpdate update, ApiFailure failure, string reason, IReadOnlyList<KeyValuePair<string, string>>? fieldErrors = null, string? errorDetails = null) =>
            new WorkflowSessionOutcome(update, null, failure, reason, fieldErrors ?? Array.Empty<KeyValuePair<string, string>>(), errorDetails);
    }
}
