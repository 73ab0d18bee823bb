using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>Builds PATCH workflow_sessions/{id}: {"workflow_session":{…}} with only the members given, in the seed's order.</summary>
    public static class WorkflowSessionPayload
    {
        public static JObject Build(WorkflowSessionUpdate update, NermStatusMember statusMember = NermStatusMember.Status)
        {
            var session = new JObject();
            AddIfSet(session, "workflow_id", update.WorkflowId);
            AddIfSet(session, "requester_id", update.RequesterId);
            AddIfSet(session, "requester_type", update.RequesterType);
            AddIfSet(session, "profile_id", update.ProfileId);
            if (update.ProfileIds != null)
            {
                session["profile_ids"] = new JArray(update.ProfileIds);
            }

            AddIfSet(session, StatusMemberName(statusMember), update.Status);
            if (update.Attributes.Count > 0)
            {
                var attributes = new JObject();
                foreach (var attribute in update.Attributes)
                {
                    attributes[attribute.Key] = attribute.Value;
                }

                session["attributes"] = attributes;
            }

            return new JObject { ["workflow_session"] = session };
        }

        public static string ToJson(JToken body) => body.ToString(Formatting.None);

        /// <summary>The path relative to the API base, with run=true when the session is to run.</summary>
        public static string RelativePath(WorkflowSessionUpdate update) =>
            "workflow_sessions/" + Uri.EscapeDataString(update.Id) + (update.Run ? "?run=true" : string.Empty);

        public static string StatusMemberName(NermStatusMember member) => member == NermStatusMember.StatusUid ? "status_uid" : "status";

        private static void AddIfSet(JObject body, string name, string? value)
        {
            if (value != null)
            {
                body[name] = value;
            }
        }
    }
}
