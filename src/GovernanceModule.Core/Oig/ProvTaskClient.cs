using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Oig
{
    /// <summary>
    /// The OIG provisioning-task operations. Every update sent yields exactly one <see cref="ProvTaskOutcome"/>,
    /// matched to its input by task id, never by position. Only a 401 throws, because no later item can succeed.
    /// </summary>
    public sealed class ProvTaskClient
    {
        private static readonly HttpMethod Put = HttpMethod.Put;

        private readonly ApiClient api;
        private readonly IApiTrace trace;

        public ProvTaskClient(OigConnection connection, IApiTrace? trace = null)
        {
            api = (connection ?? throw new ArgumentNullException(nameof(connection))).Client;
            this.trace = trace ?? NullApiTrace.Instance;
        }

        /// <summary>
        /// Sends a batch through the bulk PUT provtasks. The batch must not name a task twice (see
        /// <see cref="Bulk.Batcher{T}"/>). Outcomes come back in input order.
        /// </summary>
        public async Task<IReadOnlyList<ProvTaskOutcome>> UpdateAsync(IReadOnlyList<ProvTaskUpdate> updates, CancellationToken cancellationToken)
        {
            if (updates.Count == 0)
            {
                return Array.Empty<ProvTaskOutcome>();
            }

            var request = new ApiRequest(Put, "provtasks", ProvTaskPayload.ToJson(ProvTaskPayload.Bulk(updates)))
            {
                Idempotent = updates.All(u => u.IsIdempotent),
                Summary = updates.Count + " tasks",
            };
            var outcome = await SendAsync(request, updates, cancellationToken).ConfigureAwait(false);
            if (outcome.Failed != null)
            {
                return updates.Select(outcome.Failed).ToList();
            }

            return MatchBulkResults(updates, outcome.Json!);
        }

        /// <summary>Sends one update through PUT provtasks/{taskid}.</summary>
        public async Task<ProvTaskOutcome> UpdateOneAsync(ProvTaskUpdate update, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(Put, "provtasks/" + Uri.EscapeDataString(update.TaskId), ProvTaskPayload.ToJson(ProvTaskPayload.Single(update)))
            {
                Idempotent = update.IsIdempotent,
                Summary = update.Action.ToString(),
            };
            var outcome = await SendAsync(request, new[] { update }, cancellationToken).ConfigureAwait(false);
            return outcome.Failed != null ? outcome.Failed(update) : ReadEntry(update, outcome.Json!);
        }

        public async Task<ProvTask> GetAsync(string taskId, CancellationToken cancellationToken)
        {
            var response = await api.SendAsync(new ApiRequest(HttpMethod.Get, "provtasks/" + Uri.EscapeDataString(taskId)), trace, cancellationToken).ConfigureAwait(false);
            var json = ParseOrThrow(response, "task " + taskId);
            return ReadTask(json, taskId);
        }

        /// <summary>One page of the tasks assigned to the connected user. <paramref name="filter"/> is OIG's q, such as "Status.Category eq Rejected".</summary>
        public async Task<ProvTaskPage> GetPageAsync(string? filter, int offset, int limit, CancellationToken cancellationToken)
        {
            var query = "provtasks?offset=" + offset.ToString(CultureInfo.InvariantCulture) + "&limit=" + limit.ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrWhiteSpace(filter))
            {
                query += "&q=" + Uri.EscapeDataString(filter!.Trim());
            }

            var response = await api.SendAsync(new ApiRequest(HttpMethod.Get, query), trace, cancellationToken).ConfigureAwait(false);
            var json = ParseOrThrow(response, "the task list");
            var tasks = (json["tasks"] as JArray ?? new JArray()).OfType<JObject>().Select(t => ReadTask(t, null)).ToList();
            var hasMore = json.Value<bool?>("hasMore") ?? false;
            return new ProvTaskPage(tasks, hasMore && tasks.Count > 0, offset + tasks.Count);
        }

        private async Task<SendOutcome> SendAsync(ApiRequest request, IReadOnlyList<ProvTaskUpdate> updates, CancellationToken cancellationToken)
        {
            ApiResponse response;
            try
            {
                response = await api.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                return SendOutcome.Fail(u => Failed(u, ex.Failure, ex.Message, null));
            }

            if (response.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                throw new ApiException(ApiFailure.Unauthorized, "The OIG server refused the credentials of " + api.BaseUri.Authority + " (401). Check the user name and password given to Connect-OigServer.", response.Status);
            }

            if (!response.IsSuccess)
            {
                var failure = ApiException.FailureFor(response.Status);
                var reason = (int)response.Status + " " + response.Status + ReasonFromBody(response.Body);
                return SendOutcome.Fail(u => Failed(u, failure, reason, response.Body));
            }

            try
            {
                return SendOutcome.Ok(JObject.Parse(response.Body));
            }
            catch (JsonException)
            {
                var reason = "the server answered " + (int)response.Status + " with a body that is not the JSON object OIG documents";
                return SendOutcome.Fail(u => Failed(u, ApiFailure.UnexpectedResponse, reason, response.Body));
            }
        }

        private IReadOnlyList<ProvTaskOutcome> MatchBulkResults(IReadOnlyList<ProvTaskUpdate> updates, JObject json)
        {
            var entries = new Dictionary<string, JObject>(StringComparer.Ordinal);
            foreach (var entry in (json["tasks"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var id = entry.Value<string?>("id") ?? entry.Value<string?>("taskId");
                if (id != null && !entries.ContainsKey(id))
                {
                    entries[id] = entry;
                }
            }

            return updates
                .Select(u => entries.TryGetValue(u.TaskId, out var entry)
                    ? ReadEntry(u, entry)
                    : Failed(u, ApiFailure.UnexpectedResponse, "the server's answer has no entry for this task", json.ToString(Formatting.None)))
                .ToList();
        }

        private static ProvTaskOutcome ReadEntry(ProvTaskUpdate update, JObject entry)
        {
            var status = entry.Value<string?>("status");
            var reason = entry.Value<string?>("reason");
            var self = Link(entry, "self");
            var succeeded = string.Equals(status, "SUCCESS", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "OK", StringComparison.OrdinalIgnoreCase);
            var assignee = entry.Value<string?>("assignee") ?? (succeeded && update.Action == ProvTaskAction.Reassign ? update.Assignee : null);
            var result = new ProvTaskResult(update.TaskId, update.RequestId ?? entry.Value<string?>("requestId"), update.Action, status ?? "Error", succeeded, reason, assignee, self);
            if (succeeded)
            {
                return new ProvTaskOutcome(update, result);
            }

            if (status == null || !string.Equals(status, "FAIL", StringComparison.OrdinalIgnoreCase))
            {
                var unexpected = new ProvTaskResult(update.TaskId, update.RequestId, update.Action, "Error", false, "the server answered with status '" + status + "', which OIG does not document", null, self);
                return new ProvTaskOutcome(update, unexpected, ApiFailure.UnexpectedResponse, entry.ToString(Formatting.None));
            }

            var failure = reason != null && reason.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0 ? ApiFailure.NotFound : ApiFailure.Rejected;
            return new ProvTaskOutcome(update, result, failure, entry.ToString(Formatting.None));
        }

        private ProvTaskOutcome Failed(ProvTaskUpdate update, ApiFailure failure, string reason, string? details) =>
            new ProvTaskOutcome(update, new ProvTaskResult(update.TaskId, update.RequestId, update.Action, "Error", false, reason, null, null), failure, details);

        private static ProvTask ReadTask(JObject json, string? knownId)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in (json["fields"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var name = field.Value<string?>("name");
                if (name != null)
                {
                    fields[name] = (field["value"] as JValue)?.Value;
                }
            }

            var self = Link(json, "self");
            var id = json.Value<string?>("id") ?? knownId ?? LastSegment(self) ?? string.Empty;
            return new ProvTask(id, fields, self);
        }

        private JObject ParseOrThrow(ApiResponse response, string what)
        {
            if (!response.IsSuccess)
            {
                var failure = ApiException.FailureFor(response.Status);
                throw new ApiException(failure, "Reading " + what + " failed: " + (int)response.Status + " " + response.Status + ReasonFromBody(response.Body), response.Status, response.Body);
            }

            try
            {
                return JObject.Parse(response.Body);
            }
            catch (JsonException ex)
            {
                throw new ApiException(ApiFailure.UnexpectedResponse, "Reading " + what + " failed: the answer is not the JSON object OIG documents.", response.Status, response.Body, ex);
            }
        }

        private static string? Link(JObject json, string rel) =>
            (json["links"] as JArray)?.OfType<JObject>().FirstOrDefault(l => l.Value<string?>("rel") == rel)?.Value<string?>("href");

        private static string? LastSegment(string? uri)
        {
            if (string.IsNullOrEmpty(uri))
            {
                return null;
            }

            var trimmed = uri!.TrimEnd('/');
            return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
        }

        /// <summary>OIG documents no error bodies; a short one is shown, a long one (an HTML page) is left to ErrorDetails.</summary>
        private static string ReasonFromBody(string body)
        {
            try
            {
                var reason = JObject.Parse(body).Value<string?>("reason");
                if (!string.IsNullOrWhiteSpace(reason))
                {
                    return ": " + reason;
                }
            }
            catch (JsonException)
            {
            }

            var text = body.Trim();
            return text.Length > 0 && text.Length <= 200 && text.IndexOf('<') < 0 ? ": " + text : string.Empty;
        }

        private sealed class SendOutcome
        {
            public JObject? Json { get; private set; }

            public Func<ProvTaskUpdate, ProvTaskOutcome>? Failed { get; private set; }

            public static SendOutcome Ok(JObject json) => new SendOutcome { Json = json };

            public static SendOutcome Fail(Func<ProvTaskUpdate, ProvTaskOutcome> failed) => new SendOutcome { Failed = failed };
        }
    }
}
