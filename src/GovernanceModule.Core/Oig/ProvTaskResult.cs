namespace GovernanceModule.Core.Oig
{
    /// <summary>What became of one task update: one per input that was sent.</summary>
    public sealed class ProvTaskResult
    {
        public ProvTaskResult(string taskId, string? requestId, ProvTaskAction action, string status, bool succeeded, string? reason, string? assignee, string? uri)
        {
            TaskId = taskId;
            RequestId = requestId;
            Action = action;
            Status = status;
            Succeeded = succeeded;
            Reason = reason;
            Assignee = assignee;
            Uri = uri;
        }

        public string TaskId { get; }

        public string? RequestId { get; }

        public ProvTaskAction Action { get; }

        /// <summary>The server's status (SUCCESS, OK, FAIL), or Error when no per-task status came back.</summary>
        public string Status { get; }

        public bool Succeeded { get; }

        public string? Reason { get; }

        /// <summary>The assignee the server reported: a display name (older servers) or the user key a reassign set.</summary>
        public string? Assignee { get; }

        /// <summary>The task's URL as the server linked it.</summary>
        public string? Uri { get; }

        public override string ToString() => TaskId + " " + Action + " " + Status;
    }
}
