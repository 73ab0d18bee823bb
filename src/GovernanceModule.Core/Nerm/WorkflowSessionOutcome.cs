using System;
using System.Collections.Generic;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>What became of one update: the session as NERM returned it, or why it failed.</summary>
    public sealed class WorkflowSessionOutcome : IItemOutcome
    {
        private static readonly IReadOnlyList<KeyValuePair<string, string>> NoFields = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>Why the update failed, made once where the client found it; null when it succeeded.</summary>
        private readonly ItemFailure? failed;

        private WorkflowSessionOutcome(WorkflowSessionUpdate update, WorkflowSession? session, ItemFailure? failed)
        {
            Update = update;
            Session = session;
            Result = session == null ? null : new WorkflowSessionResult(update, session);
            this.failed = failed;
        }

        public WorkflowSessionUpdate Update { get; }

        /// <summary>The full session after the update; null when it failed.</summary>
        public WorkflowSession? Session { get; }

        /// <summary>What was asked and the session after it, as written; null when the update failed.</summary>
        public WorkflowSessionResult? Result { get; }

        /// <summary>Null when the update succeeded.</summary>
        public ApiFailure? Failure => failed?.Kind;

        /// <summary>Why it failed, with every field message of a 400 validation error.</summary>
        public string? Reason => failed?.Reason;

        /// <summary>NERM's per-field messages of a 400 (the errors member), in the server's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> FieldErrors => failed?.FieldErrors ?? NoFields;

        /// <summary>The server's response body when it explains the failure.</summary>
        public string? ErrorDetails => failed?.ResponseBody;

        object? IItemOutcome.Written => Result;

        ItemFailure? IItemOutcome.Failed => failed;

        public static WorkflowSessionOutcome Succeeded(WorkflowSessionUpdate update, WorkflowSession session) =>
            new WorkflowSessionOutcome(update, session, null);

        /// <summary>An update that failed as <paramref name="failure"/> says, kept as found (with the exception it was found as).</summary>
        public static WorkflowSessionOutcome Failed(WorkflowSessionUpdate update, ItemFailure failure) =>
            new WorkflowSessionOutcome(update, null, failure);
    }
}
