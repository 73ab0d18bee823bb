using GovernanceModule.Core.Results;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Oig
{
    /// <summary>
    /// What became of one task update: one per input that was sent. It says what was asked (action, assignee, note,
    /// response, fields) beside the server's answer, every member a single value that Export-Csv writes.
    /// </summary>
    public sealed class ProvTaskResult : INumberedResult
    {
        public ProvTaskResult(ProvTaskUpdate asked, string? requestId, string status, bool succeeded, string? reason, string? assignee, string? uri)
        {
            TaskId = asked.TaskId;
            RequestId = requestId;
            Action = asked.Action;
            Assignee = assignee;
            AssigneeType = asked.Action == ProvTaskAction.Reassign ? asked.AssigneeType : null;
            Note = asked.Note;
            Response = asked.Response;
            Fields = new TextMap(asked.Fields);
            Status = status;
            Succeeded = succeeded;
            Reason = reason;
            Uri = uri;
        }

        /// <summary>The result as a journal recorded it (see <see cref="Journal.RecordedResult"/>): Fields as the text Export-Csv writes.</summary>
        [JsonConstructor]
        private ProvTaskResult(string taskId, string? requestId, ProvTaskAction action, string? assignee, string? assigneeType, string? note, string? response, string fields, string status, bool succeeded, string? reason, string? uri)
        {
            TaskId = taskId;
            RequestId = requestId;
            Action = action;
            Assignee = assignee;
            AssigneeType = assigneeType;
            Note = note;
            Response = response;
            Fields = TextMap.Parse(fields);
            Status = status;
            Succeeded = succeeded;
            Reason = reason;
            Uri = uri;
        }

        /// <summary>The number of the input this answers (1 for the first input read).</summary>
        public int Row { get; set; }

        public string TaskId { get; }

        public string? RequestId { get; }

        public ProvTaskAction Action { get; }

        /// <summary>The assignee the server reported: a display name (older servers) or the user key a reassign set.</summary>
        public string? Assignee { get; }

        /// <summary>The assignee type a reassign asked for (user); null for other actions.</summary>
        public string? AssigneeType { get; }

        /// <summary>The note SetNote asked for.</summary>
        public string? Note { get; }

        /// <summary>The response SetResponse asked for.</summary>
        public string? Response { get; }

        /// <summary>The task attributes an Update asked for, by name; Export-Csv writes one JSON object.</summary>
        public TextMap Fields { get; }

        /// <summary>
        /// The server's status for the task (SUCCESS, OK, FAIL), whichever request carried it, or Error when no
        /// answer for the task came back.
        /// </summary>
        public string Status { get; }

        public bool Succeeded { get; }

        public string? Reason { get; }

        /// <summary>The task's URL as the server linked it.</summary>
        public string? Uri { get; }

        /// <summary>
        /// True for an outcome written again from a -JournalPath journal, as an earlier run recorded it; false for one
        /// this run got from the server.
        /// </summary>
        public bool FromJournal { get; set; }

        public override string ToString() => TaskId + " " + Action + " " + Status;
    }
}
