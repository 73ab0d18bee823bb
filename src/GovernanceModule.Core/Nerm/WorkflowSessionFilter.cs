using System;
using System.Collections.Generic;
using System.Linq;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>The documented filters of GET workflow_sessions, validated before any request.</summary>
    public sealed class WorkflowSessionFilter
    {
        private readonly List<KeyValuePair<string, string>> parameters = new List<KeyValuePair<string, string>>();

        public static readonly WorkflowSessionFilter None = new WorkflowSessionFilter();

        /// <summary>
        /// <paramref name="status"/> is written as the list filter documents it ("pending approval") or as in bodies
        /// ("pending_approval"), in any case; it is sent as the documented filter value.
        /// </summary>
        /// <exception cref="InputValidationException">A value the API would refuse or that can match nothing.</exception>
        public static WorkflowSessionFilter Create(string? status = null, string? workflowId = null, string? requesterId = null, string? profileId = null, string? uid = null, string? order = null)
        {
            var filter = new WorkflowSessionFilter();
            if (!string.IsNullOrWhiteSpace(status))
            {
                var value = WorkflowSessionStatuses.ToFilterValue(status!);
                if (value == null)
                {
                    throw new InputValidationException("Status", "Status '" + status + "' is not one of the values NERM's list filter takes. " + ValidValues.Describe(WorkflowSessionStatuses.FilterValues, status!, "Tab after -Status completes them; Get-Help Get-WorkflowSession -Parameter Status lists them"));
                }

                filter.parameters.Add(new KeyValuePair<string, string>("status", value));
            }

            filter.AddUuid("workflow_id", "WorkflowId", workflowId);
            filter.AddUuid("requester_id", "RequesterId", requesterId);
            filter.AddUuid("profile_id", "ProfileId", profileId);
            filter.AddText("uid", uid);
            filter.AddText("order", order);
            return filter;
        }

        /// <summary>The query parameters, such as status=pending%20approval&amp;workflow_id=…, or empty.</summary>
        public string ToQuery() => string.Join("&", parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));

        private void AddUuid(string name, string parameter, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            if (!WorkflowSessionUpdate.IsUuid(value!.Trim()))
            {
                throw new InputValidationException(parameter, parameter + " '" + value + "' is not a UUID, such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.");
            }

            parameters.Add(new KeyValuePair<string, string>(name, value.Trim()));
        }

        private void AddText(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters.Add(new KeyValuePair<string, string>(name, value!.Trim()));
            }
        }
    }
}
