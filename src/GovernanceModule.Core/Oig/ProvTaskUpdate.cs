using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GovernanceModule.Core.Bulk;

namespace GovernanceModule.Core.Oig
{
    /// <summary>A validated change to one provisioning task, ready to be sent alone or in a bulk request.</summary>
    public sealed class ProvTaskUpdate : IChange
    {
        public const string NoteField = "Process Instance.Task Details.Note";
        public const string ResponseField = "Process Definition.Tasks.Responses.Response";
        public const string DefaultAssigneeType = "user";

        private static readonly string ValidActions = string.Join(", ", Enum.GetNames(typeof(ProvTaskAction)));

        private static readonly Dictionary<string, ProvTaskAction> ActionsByName =
            Enum.GetValues(typeof(ProvTaskAction)).Cast<ProvTaskAction>().ToDictionary(a => a.ToString(), StringComparer.OrdinalIgnoreCase);

        private ProvTaskUpdate(string taskId, ProvTaskAction action)
        {
            TaskId = taskId;
            Action = action;
        }

        public string TaskId { get; }

        public ProvTaskAction Action { get; }

        public string? RequestId { get; private set; }

        public string? Assignee { get; private set; }

        public string AssigneeType { get; private set; } = DefaultAssigneeType;

        public string? Note { get; private set; }

        public string? Response { get; private set; }

        /// <summary>Task attributes for the action-less Update form, in the caller's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Fields { get; private set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>True when sending this twice does what sending it once does; a retry re-runs the task.</summary>
        public bool IsIdempotent => Action != ProvTaskAction.Retry;

        /// <summary>"task 1042 (Retry)".</summary>
        public string Name => "task " + TaskId + " (" + Action + ")";

        /// <summary>"Task 1042".</summary>
        public string Subject => "Task " + TaskId;

        /// <summary>What ShouldProcess and -WhatIf say the change does.</summary>
        public string Description
        {
            get
            {
                switch (Action)
                {
                    case ProvTaskAction.Reassign: return "Reassign to " + AssigneeType + " " + Assignee;
                    case ProvTaskAction.SetNote: return "Set note to '" + Note + "'";
                    case ProvTaskAction.SetResponse: return "Set response to '" + Response + "'";
                    case ProvTaskAction.Retry: return "Retry";
                    default: return "Update " + string.Join(", ", Fields.Select(f => f.Key + " = '" + f.Value + "'"));
                }
            }
        }

        public static ProvTaskUpdate Create(string taskId, ProvTaskAction action) =>
            From(new ProvTaskInput { TaskId = taskId, Action = action.ToString() });

        /// <summary>
        /// Validates one row. Empty or blank cells count as not given. When Action is empty it is inferred from
        /// the one filled column among Assignee, Note, Response and Field.
        /// </summary>
        /// <exception cref="InputValidationException">The row cannot be sent; the message says what would be valid.</exception>
        public static ProvTaskUpdate From(ProvTaskInput input)
        {
            var taskId = Clean(input.TaskId);
            if (taskId == null)
            {
                if (IsBlank(input))
                {
                    throw new InputValidationException("TaskId", "every cell is empty (a blank line of the CSV?). Give TaskId (CSV columns TaskId, Id or ProvTaskId) and an Action (" + ValidActions + ") or one of Assignee, Note, Response.");
                }

                throw new InputValidationException("TaskId", "TaskId is empty. Give the provisioning task id, such as 3009 (CSV columns TaskId, Id or ProvTaskId).");
            }

            var subject = "task " + taskId;
            IdForms.CheckOigTaskId(taskId, "TaskId", subject);
            var assignee = Clean(input.Assignee);
            var note = Clean(input.Note);
            var response = Clean(input.Response);
            var fields = ReadFields(input.Field, subject);
            var given = new List<string>();
            if (assignee != null) given.Add("Assignee");
            if (note != null) given.Add("Note");
            if (response != null) given.Add("Response");
            if (fields.Count > 0) given.Add("Field");

            var action = ParseAction(Clean(input.Action), given, subject);
            var needed = NeededColumn(action);
            if (needed != null && !given.Contains(needed))
            {
                throw new InputValidationException(needed, subject, "action " + action + " needs " + needed + ". " + Hint(action));
            }

            if (given.Count > (needed == null ? 0 : 1))
            {
                var extra = given.Where(g => g != needed).ToList();
                throw new InputValidationException(
                    extra[0],
                    subject,
                    "action " + action + " does not use " + string.Join(" or ", extra) + ". Leave those cells empty, or put that change on a row of its own.");
            }

            return new ProvTaskUpdate(taskId, action)
            {
                RequestId = Clean(input.RequestId),
                Assignee = assignee,
                AssigneeType = Clean(input.AssigneeType) ?? DefaultAssigneeType,
                Note = note,
                Response = response,
                Fields = fields,
            };
        }

        private static ProvTaskAction ParseAction(string? text, List<string> given, string subject)
        {
            if (text != null)
            {
                if (ActionsByName.TryGetValue(text.Replace("-", string.Empty).Replace("_", string.Empty), out var named))
                {
                    return named;
                }

                throw new InputValidationException("Action", subject, "unknown action '" + text + "'. Valid actions: " + ValidActions + ".");
            }

            switch (given.Count)
            {
                case 0:
                    throw new InputValidationException(
                        "Action",
                        subject,
                        "nothing to do. Give an Action (" + ValidActions + "), or fill one of Assignee, Note, Response or Field.");
                case 1:
                    return given[0] == "Assignee" ? ProvTaskAction.Reassign
                        : given[0] == "Note" ? ProvTaskAction.SetNote
                        : given[0] == "Response" ? ProvTaskAction.SetResponse
                        : ProvTaskAction.Update;
                default:
                    throw new InputValidationException(
                        "Action",
                        subject,
                        "ambiguous: " + string.Join(", ", given) + " are all filled and Action is empty. Fill only one of them per row, or name the Action.");
            }
        }

        private static string? NeededColumn(ProvTaskAction action)
        {
            switch (action)
            {
                case ProvTaskAction.Reassign: return "Assignee";
                case ProvTaskAction.SetNote: return "Note";
                case ProvTaskAction.SetResponse: return "Response";
                case ProvTaskAction.Update: return "Field";
                default: return null;
            }
        }

        private static string Hint(ProvTaskAction action)
        {
            switch (action)
            {
                case ProvTaskAction.Reassign: return "Assignee is the user key of the new assignee, such as 23.";
                case ProvTaskAction.SetNote: return "Note is the note text.";
                case ProvTaskAction.SetResponse: return "Response is a response code defined for the task, such as VALIDATION_FAILED.";
                default: return "Field is a hashtable of task attribute names and values, such as @{'" + NoteField + "' = 'text'}.";
            }
        }

        private static IReadOnlyList<KeyValuePair<string, string>> ReadFields(IDictionary? field, string subject)
        {
            if (field == null || field.Count == 0)
            {
                return Array.Empty<KeyValuePair<string, string>>();
            }

            var result = new List<KeyValuePair<string, string>>();
            foreach (DictionaryEntry entry in field)
            {
                var name = Clean(Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                if (name == null)
                {
                    throw new InputValidationException("Field", subject, "Field has an empty attribute name. Use task attribute names such as '" + NoteField + "'.");
                }

                if (!IsScalar(entry.Value))
                {
                    throw new InputValidationException(
                        "Field",
                        subject,
                        "Field '" + name + "' holds " + Describe(entry.Value) + ". A task attribute takes one value: text, a number, a date or $true/$false, such as @{'" + NoteField + "' = 'text'}.");
                }

                result.Add(new KeyValuePair<string, string>(name, FormatValue(entry.Value)));
            }

            return result;
        }

        private static string FormatValue(object? value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case DateTime date: return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case DateTimeOffset date: return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case bool flag: return flag ? "true" : "false";
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>OIG's field values are one JSON scalar each: a nested object or a list would be sent as its type name.</summary>
        private static bool IsScalar(object? value) => value is string || !(value is IEnumerable);

        private static string Describe(object? value) =>
            value is IDictionary ? "a nested object (a hashtable)" : "a list of values";

        /// <summary>A row whose every cell is empty: what a CSV line of only commas gives.</summary>
        private static bool IsBlank(ProvTaskInput input) =>
            Clean(input.TaskId) == null && Clean(input.RequestId) == null && Clean(input.Action) == null && Clean(input.Assignee) == null
            && Clean(input.AssigneeType) == null && Clean(input.Note) == null && Clean(input.Response) == null && (input.Field == null || input.Field.Count == 0);

        private static string? Clean(string? text)
        {
            if (text == null)
            {
                return null;
            }

            var trimmed = text.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }
    }
}
