using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Oig
{
    /// <summary>
    /// Builds the request bodies of PUT provtasks/{taskid} and the bulk PUT provtasks, as the seeds show them. The JSON
    /// is written straight out, with no object tree in between: a bulk body of a thousand tasks is built per request.
    /// </summary>
    public static class ProvTaskPayload
    {
        public static string Single(ProvTaskUpdate update) =>
            Write(json =>
            {
                json.WriteStartObject();
                if (update.Action == ProvTaskAction.Update)
                {
                    // The older edition's form: no action, the id and requestId repeated in the body.
                    Property(json, "id", update.TaskId);
                    Property(json, "requestId", update.RequestId);
                }
                else
                {
                    Property(json, "action", WireAction(update.Action));
                }

                Fields(json, update);
                json.WriteEndObject();
            });

        public static string Bulk(IEnumerable<ProvTaskUpdate> updates) =>
            Write(json =>
            {
                json.WriteStartObject();
                json.WritePropertyName("tasks");
                json.WriteStartArray();
                foreach (var update in updates)
                {
                    BulkEntry(json, update);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });

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

        private static string Write(Action<JsonWriter> body)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                body(json);
            }

            return text.ToString();
        }

        private static void BulkEntry(JsonWriter json, ProvTaskUpdate update)
        {
            json.WriteStartObject();
            Property(json, "id", update.TaskId);
            Property(json, "requestId", update.RequestId);
            Property(json, "action", WireAction(update.Action));
            if (update.Action == ProvTaskAction.Retry)
            {
                // Oracle's bulk-retry example repeats the id as taskId; servers may read either.
                Property(json, "taskId", update.TaskId);
            }

            Fields(json, update);
            json.WriteEndObject();
        }

        private static void Fields(JsonWriter json, ProvTaskUpdate update)
        {
            if (update.Action == ProvTaskAction.Retry)
            {
                return; // retry carries no fields
            }

            json.WritePropertyName("fields");
            json.WriteStartArray();
            switch (update.Action)
            {
                case ProvTaskAction.Reassign:
                    Field(json, "assignee", update.Assignee);
                    Field(json, "type", update.AssigneeType);
                    break;
                case ProvTaskAction.SetNote:
                    Field(json, ProvTaskUpdate.NoteField, update.Note);
                    break;
                case ProvTaskAction.SetResponse:
                    Field(json, ProvTaskUpdate.ResponseField, update.Response);
                    break;
                default:
                    foreach (var field in update.Fields)
                    {
                        Field(json, field.Key, field.Value);
                    }

                    break;
            }

            json.WriteEndArray();
        }

        private static void Field(JsonWriter json, string name, string? value)
        {
            json.WriteStartObject();
            json.WritePropertyName("name");
            json.WriteValue(name);
            json.WritePropertyName("value");
            json.WriteValue(value);
            json.WriteEndObject();
        }

        /// <summary>Writes the property only when it has a value.</summary>
        private static void Property(JsonWriter json, string name, string? value)
        {
            if (value != null)
            {
                json.WritePropertyName(name);
                json.WriteValue(value);
            }
        }
    }
}
