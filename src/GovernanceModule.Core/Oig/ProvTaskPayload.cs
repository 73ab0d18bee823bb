using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Oig
{
    /// <summary>Builds the request bodies of PUT provtasks/{taskid} and the bulk PUT provtasks, as the seeds show them.</summary>
    public static class ProvTaskPayload
    {
        public static JObject Single(ProvTaskUpdate update)
        {
            var body = new JObject();
            if (update.Action == ProvTaskAction.Update)
            {
                // The older edition's form: no action, the id and requestId repeated in the body.
                body["id"] = update.TaskId;
                AddIfSet(body, "requestId", update.RequestId);
            }
            else
            {
                body["action"] = WireAction(update.Action);
            }

            AddFields(body, update);
            return body;
        }

        public static JObject Bulk(IEnumerable<ProvTaskUpdate> updates)
        {
            var tasks = new JArray();
            foreach (var update in updates)
            {
                tasks.Add(BulkEntry(update));
            }

            return new JObject { ["tasks"] = tasks };
        }

        public static string ToJson(JToken body) => body.ToString(Formatting.None);

        /// <summary>The action as OIG spells it, or null for the action-less Update.</summary>
        public static string? WireAction(ProvTaskAction action)
        {
            switch (action)
            {
                case ProvTaskAction.Reassign: return "reassign";
                case ProvTaskAction.SetNote: return "setNote";
                case ProvTaskAction.SetResponse: return "setResponse";
                case ProvTaskAction.Retry: return "retry";
                default: return null;
            }
        }

        private static JObject BulkEntry(ProvTaskUpdate update)
        {
            var entry = new JObject { ["id"] = update.TaskId };
            AddIfSet(entry, "requestId", update.RequestId);
            AddIfSet(entry, "action", WireAction(update.Action));
            if (update.Action == ProvTaskAction.Retry)
            {
                // Oracle's bulk-retry example repeats the id as taskId; servers may read either.
                entry["taskId"] = update.TaskId;
            }

            AddFields(entry, update);
            return entry;
        }

        private static void AddFields(JObject body, ProvTaskUpdate update)
        {
            var fields = new JArray();
            switch (update.Action)
            {
                case ProvTaskAction.Reassign:
                    fields.Add(Field("assignee", update.Assignee));
                    fields.Add(Field("type", update.AssigneeType));
                    break;
                case ProvTaskAction.SetNote:
                    fields.Add(Field(ProvTaskUpdate.NoteField, update.Note));
                    break;
                case ProvTaskAction.SetResponse:
                    fields.Add(Field(ProvTaskUpdate.ResponseField, update.Response));
                    break;
                case ProvTaskAction.Update:
                    foreach (var field in update.Fields)
                    {
                        fields.Add(Field(field.Key, field.Value));
                    }

                    break;
                default:
                    return; // retry carries no fields
            }

            body["fields"] = fields;
        }

        private static JObject Field(string name, string? value) => new JObject { ["name"] = name, ["value"] = value };

        private static void AddIfSet(JObject body, string name, string? value)
        {
            if (value != null)
            {
                body[name] = value;
            }
        }
    }
}
