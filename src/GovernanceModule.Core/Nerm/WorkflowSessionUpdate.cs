using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GovernanceModule.Core.Bulk;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>A validated partial update of one workflow session: only the members given are sent.</summary>
    public sealed class WorkflowSessionUpdate : IChange
    {
        private const string ExampleUuid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        private static readonly char[] IdSeparators = { ',', ';', ' ', '\t', '\r', '\n' };

        private WorkflowSessionUpdate(string id)
        {
            Id = id;
        }

        public string Id { get; }

        public string? Status { get; private set; }

        public string? WorkflowId { get; private set; }

        public string? RequesterId { get; private set; }

        public string? RequesterType { get; private set; }

        public string? ProfileId { get; private set; }

        public IReadOnlyList<string>? ProfileIds { get; private set; }

        /// <summary>Attribute values to merge into the session's, in the caller's order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; private set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>Ask NERM to run the session once the update succeeds (run=true).</summary>
        public bool Run { get; private set; }

        /// <summary>
        /// The session, as the sender keys it: an update waits while an earlier update of the same session is in flight,
        /// so that several rows for one session are applied in input order. Ids differ in case only in writing.
        /// </summary>
        public string SessionKey => Id.ToLowerInvariant();

        /// <summary>Sending it twice does what sending it once does, unless it also runs the session.</summary>
        public bool IsIdempotent => !Run;

        /// <summary>"workflow session 3fa85f64-…".</summary>
        public string Name => "workflow session " + Id;

        /// <summary>"Workflow session 3fa85f64-…".</summary>
        public string Subject => "Workflow session " + Id;

        /// <summary>What ShouldProcess and -WhatIf say the change does.</summary>
        public string Description
        {
            get
            {
                var parts = new List<string>();
                AddPart(parts, "status", Status);
                AddPart(parts, "workflow", WorkflowId);
                AddPart(parts, "requester", RequesterId);
                AddPart(parts, "requester type", RequesterType);
                AddPart(parts, "profile", ProfileId);
                if (ProfileIds != null)
                {
                    parts.Add("profiles " + string.Join(", ", ProfileIds));
                }

                parts.AddRange(Attributes.Select(a => "attribute " + a.Key + " = '" + a.Value + "'"));
                var change = parts.Count == 0 ? string.Empty : "Set " + string.Join("; ", parts);
                return Run ? (change.Length == 0 ? "Run" : change + "; then run") : change;
            }
        }

        /// <summary>Validates one input before anything is sent.</summary>
        /// <exception cref="InputValidationException">The input cannot be sent; the message says what would be valid.</exception>
        public static WorkflowSessionUpdate From(WorkflowSessionInput input)
        {
            var id = input.Id?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                if (IsBlank(input))
                {
                    throw new InputValidationException("Id", "every cell is empty (a blank line of the CSV?). Give Id, the workflow session's UUID such as " + ExampleUuid + ", and what to change (Status, Attribute.<uid> columns, ...).");
                }

                throw new InputValidationException("Id", "Id is empty. Give the workflow session id, a UUID such as " + ExampleUuid + " (CSV columns Id, WorkflowSessionId or SessionId).");
            }

            var subject = "session " + id;
            if (!IsUuid(id))
            {
                var uidHint = id!.Length == 32 && id.All(Uri.IsHexDigit) ? " 32 characters without hyphens look like the session's uid; give its id instead (Get-WorkflowSession -Uid shows both)." : string.Empty;
                throw new InputValidationException("Id", subject, IdForms.SeveralIds(id, IsUuid, "Id", "session") ?? "Id is not a UUID. Workflow session ids look like " + ExampleUuid + "." + uidHint);
            }

            var update = new WorkflowSessionUpdate(id!)
            {
                Status = OneOf(input.Status, "Status", WorkflowSessionStatuses.All, subject),
                WorkflowId = Uuid(input.WorkflowId, "WorkflowId", subject),
                RequesterId = Uuid(input.RequesterId, "RequesterId", subject),
                RequesterType = OneOf(input.RequesterType, "RequesterType", WorkflowSessionStatuses.RequesterTypes, subject),
                ProfileId = Uuid(input.ProfileId, "ProfileId", subject),
                ProfileIds = ProfileIdList(input.ProfileIds, subject),
                Attributes = ReadAttributes(input.Attributes, subject),
                Run = input.Run,
            };
            if (update.Description.Length == 0)
            {
                throw new InputValidationException(
                    "Status",
                    subject,
                    "nothing to change. Give at least one of Status, WorkflowId, RequesterId, RequesterType, ProfileId, ProfileIds, Attribute (or Attribute.<uid> columns), or Run.");
            }

            return update;
        }

        public static bool IsUuid(string? text) => Guid.TryParseExact(text ?? string.Empty, "D", out _);

        private static string? Given(string? value, string name, string subject)
        {
            if (value == null)
            {
                return null;
            }

            var trimmed = value.Trim();
            if (trimmed.Length == 0)
            {
                throw new InputValidationException(name, subject, name + " is empty. Leave it out to keep the session's " + name + "; an empty value is not sent as a clear.");
            }

            return trimmed;
        }

        private static string? Uuid(string? value, string name, string subject)
        {
            var text = Given(value, name, subject);
            if (text != null && !IsUuid(text))
            {
                throw new InputValidationException(name, subject, name + " '" + text + "' is not a UUID, such as " + ExampleUuid + ".");
            }

            return text;
        }

        private static string? OneOf(string? value, string name, IReadOnlyList<string> valid, string subject)
        {
            var text = Given(value, name, subject);
            if (text == null || valid.Contains(text, StringComparer.Ordinal))
            {
                return text;
            }

            var near = WorkflowSessionStatuses.SameButForCase(valid, text);
            var spelled = near == null ? valid.FirstOrDefault(v => string.Equals(Separated(v), Separated(text), StringComparison.OrdinalIgnoreCase)) : null;
            var hint = near != null ? " Did you mean '" + near + "'? Case matters."
                : spelled != null ? " Did you mean '" + spelled + "'? The body takes the documented spelling, with underscores (the list filter's spelling has spaces)."
                : string.Empty;
            var seeAll = "Tab after -" + name + " completes them; Get-Help Update-WorkflowSession -Parameter " + name + " lists them";
            throw new InputValidationException(name, subject, name + " '" + text + "' is not a value NERM accepts." + hint + " " + ValidValues.Describe(valid, text, seeAll));
        }

        private static IReadOnlyList<string>? ProfileIdList(IList<string>? values, string subject)
        {
            if (values == null)
            {
                return null;
            }

            var ids = values.Where(v => v != null).SelectMany(v => v.Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (ids.Count == 0)
            {
                throw new InputValidationException("ProfileIds", subject, "ProfileIds is empty. Leave it out to keep the session's profiles; an empty list is not sent as a clear.");
            }

            var bad = ids.FirstOrDefault(id => !IsUuid(id));
            if (bad != null)
            {
                throw new InputValidationException("ProfileIds", subject, "ProfileIds holds '" + bad + "', which is not a UUID such as " + ExampleUuid + ".");
            }

            return ids;
        }

        private static IReadOnlyList<KeyValuePair<string, string>> ReadAttributes(IEnumerable<KeyValuePair<string, object?>> attributes, string subject)
        {
            var result = new List<KeyValuePair<string, string>>();
            foreach (var attribute in attributes)
            {
                var name = attribute.Key?.Trim();
                if (string.IsNullOrEmpty(name))
                {
                    throw new InputValidationException("Attribute", subject, "an attribute has an empty name. Name attributes by their uid, such as department_uid.");
                }

                if (result.Any(a => a.Key == name))
                {
                    throw new InputValidationException("Attribute", subject, "attribute " + name + " is given twice (in -Attribute and as a column?). Give it once.");
                }

                if (!IsText(attribute.Value))
                {
                    throw new InputValidationException(
                        "Attribute",
                        subject,
                        "attribute " + name + " holds a nested object. NERM takes every attribute value as text: a string, a number, a date, or a list of those (sent joined with commas).");
                }

                var value = FormatValue(attribute.Value);
                if (value.Trim().Length == 0)
                {
                    throw new InputValidationException("Attribute", subject, "attribute " + name + " is empty. Leave it out to keep its value; an empty value is not sent as a clear.");
                }

                result.Add(new KeyValuePair<string, string>(name!, value));
            }

            return result;
        }

        /// <summary>Attribute values as the NERM docs write them: dates MM/dd/yyyy, several values joined with commas.</summary>
        private static string FormatValue(object? value)
        {
            switch (value)
            {
                case null: return string.Empty;
                case string text: return text;
                case DateTime date: return date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
                case DateTimeOffset date: return date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
                case bool flag: return flag ? "true" : "false";
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                case IEnumerable many: return string.Join(",", many.Cast<object?>().Select(FormatValue).Where(v => v.Length > 0));
                default: return value.ToString() ?? string.Empty;
            }
        }

        /// <summary>What NERM's attributes (additionalProperties: string) can hold: scalars, or a flat list of them.</summary>
        private static bool IsText(object? value)
        {
            switch (value)
            {
                case null:
                case string _:
                    return true;
                case IDictionary _:
                    return false;
                case IEnumerable many:
                    return many.Cast<object?>().All(item => item is string || !(item is IEnumerable));
                default:
                    return true;
            }
        }

        private static string Separated(string value) => value.Replace(' ', '_').Replace('-', '_');

        /// <summary>An input whose every member is empty: what a CSV line of only commas gives.</summary>
        private static bool IsBlank(WorkflowSessionInput input) =>
            new[] { input.Status, input.WorkflowId, input.RequesterId, input.RequesterType, input.ProfileId }.All(string.IsNullOrWhiteSpace)
            && (input.ProfileIds == null || input.ProfileIds.All(string.IsNullOrWhiteSpace))
            && input.Attributes.Count == 0
            && !input.Run;

        private static void AddPart(List<string> parts, string label, string? value)
        {
            if (value != null)
            {
                parts.Add(label + " " + value);
            }
        }
    }
}
