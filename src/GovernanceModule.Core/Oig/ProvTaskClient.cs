using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Reading;
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
        /// How OIG's changes go out: bulk requests of up to <paramref name="batchSize"/> tasks, up to
        /// <paramref name="throttleLimit"/> of them in flight, handed back in input order.
        /// </summary>
        public IChangeSender<ProvTaskUpdate, ProvTaskOutcome> CreateSender(int batchSize, int throttleLimit, ISendLog<ProvTaskUpdate>? log = null) =>
            new ProvTaskSender(this, batchSize, throttleLimit, log);

        /// <summary>
        /// Sends a batch through the bulk PUT provtasks. Outcomes come back in input order, matched by task id; so a
        /// batch that names a task twice is refused before anything is sent (<see cref="ProvTaskSender"/> puts
        /// a second change to a task in the next request).
        /// </summary>
        /// <exception cref="ArgumentException">A task is named twice.</exception>
        public async Task<IReadOnlyList<ProvTaskOutcome>> UpdateAsync(IReadOnlyList<ProvTaskUpdate> updates, CancellationToken cancellationToken)
        {
            if (updates.Count == 0)
            {
                return Array.Empty<ProvTaskOutcome>();
            }

            var repeated = updates.GroupBy(u => u.TaskId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated != null)
            {
                throw new ArgumentException("Task " + repeated.Key + " is named " + repeated.Count() + " times; a bulk request names each task once, since its results are matched to the changes by task id.", nameof(updates));
            }

            var request = new ApiRequest(Put, "provtasks", ProvTaskPayload.Bulk(updates))
            {
                Idempotent = updates.All(u => u.IsIdempotent),
                Summary = Plural.Of(updates.Count, "task", "tasks"),
            };
            var (json, failure) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return failure != null ? updates.Select(u => ProvTaskOutcome.Failed(u, failure)).ToList() : MatchBulkResults(updates, json!);
        }

        /// <summary>Sends one update through PUT provtasks/{taskid}.</summary>
        public async Task<ProvTaskOutcome> UpdateOneAsync(ProvTaskUpdate update, CancellationToken cancellationToken)
        {
            var request = new ApiRequest(Put, "provtasks/" + Uri.EscapeDataString(update.TaskId), ProvTaskPayload.Single(update))
            {
                Idempotent = update.IsIdempotent,
                Summary = update.Action.ToString(),
            };
            var (json, failure) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (failure != null)
            {
                return FailedOne(update, failure);
            }

            var answeredId = UnexpectedAnswer.Text(json!["id"]);
            if (answeredId != null && !string.Equals(answeredId, update.TaskId, StringComparison.Ordinal))
            {
                return Failed(update, ApiFailure.UnexpectedResponse, "the server answered for task " + answeredId + " instead of task " + update.TaskId + "; whether the change was applied is unknown", json.ToString(Formatting.None));
            }

            return ReadEntry(update, json);
        }

        public async Task<ProvTask> GetAsync(string taskId, CancellationToken cancellationToken)
        {
            var response = await api.SendAsync(new ApiRequest(HttpMethod.Get, "provtasks/" + Uri.EscapeDataString(taskId)), trace, cancellationToken).ConfigureAwait(false);
            var what = "task " + taskId;
            var json = ParseOrThrow(response, what);
            var problem = json["id"] == null && json["fields"] == null ? "no id and no fields"
                : json["fields"] != null && !IsArrayOfObjects(json["fields"]) ? "fields is not an array of {name, value}"
                : null;
            var answeredId = UnexpectedAnswer.Text(json["id"]);
            if (problem == null && answeredId != null && !string.Equals(answeredId, taskId, StringComparison.Ordinal))
            {
                problem = "it describes task " + answeredId;
            }

            if (problem != null)
            {
                throw new ApiException(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForRead(what, response, "the task OIG documents", problem), response.Status, response.Body);
            }

            return ReadTask(json, taskId);
        }

        /// <summary>
        /// Every task assigned to the connected user that matches <paramref name="filter"/>, read page by page before
        /// any is returned (see <see cref="AllPages"/>), each task once.
        /// </summary>
        public Task<IReadOnlyList<ProvTask>> GetAllAsync(string? filter, int pageSize, CancellationToken cancellationToken) =>
            AllPages.ReadAsync<ProvTask>(
                1,
                async (offset, ct) =>
                {
                    var page = await GetPageAsync(filter, offset, pageSize, ct).ConfigureAwait(false);
                    return (page.Tasks, page.HasMore, page.NextOffset);
                },
                t => t.TaskId,
                cancellationToken);

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
            var problem = PageProblem(json);
            if (problem != null)
            {
                throw new ApiException(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForRead("the task list", response, "the page of tasks OIG documents", problem), response.Status, response.Body);
            }

            var tasks = (json["tasks"] as JArray ?? new JArray()).OfType<JObject>().Select(t => ReadTask(t, null)).ToList();
            var hasMore = json["hasMore"] is JValue more && more.Type == JTokenType.Boolean && (bool)more;
            return new ProvTaskPage(tasks, hasMore && tasks.Count > 0, offset + tasks.Count);
        }

        /// <summary>What makes a 200 body not a page of tasks: tasks must be an array of objects (absent only with count 0), hasMore a boolean.</summary>
        private static string? PageProblem(JObject json)
        {
            var tasks = json["tasks"];
            if (tasks == null || tasks.Type == JTokenType.Null)
            {
                var count = json["count"] as JValue;
                return count != null && count.Type == JTokenType.Integer && (long)count == 0 ? null : "no tasks array";
            }

            if (!IsArrayOfObjects(tasks))
            {
                return "tasks is not an array of task objects";
            }

            var hasMore = json["hasMore"];
            return hasMore != null && hasMore.Type != JTokenType.Boolean && hasMore.Type != JTokenType.Null ? "hasMore is not true or false" : null;
        }

        private static bool IsArrayOfObjects(JToken? token) => token is JArray array && array.All(t => t.Type == JTokenType.Object);

        /// <summary>The JSON object of a 2xx answer, or why the request failed for every task in it. Only a 401 throws.</summary>
        private async Task<(JObject? Json, ItemFailure? Failure)> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            ApiResponse response;
            try
            {
                response = await api.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                return (null, new ItemFailure(ex.Failure, ex.Message, cause: ex));
            }

            if (response.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                throw new ApiException(ApiFailure.Unauthorized, "The OIG server refused the credentials of " + api.BaseUri.Authority + " (401).", response.Status);
            }

            if (!response.IsSuccess)
            {
                return (null, new ItemFailure(ApiException.FailureFor(response.Status), OigErrorBody.Parse(response.Body).Describe(response.Status), response.Body));
            }

            if (UnexpectedAnswer.TryParse(response.Body) is JObject json)
            {
                return (json, null);
            }

            var unexpected = UnexpectedAnswer.ForWrite(response, "the result OIG documents", "not a JSON object");
            return (null, new ItemFailure(ApiFailure.UnexpectedResponse, unexpected, response.Body));
        }

        /// <summary>
        /// One outcome per update, by task id. A task the answer does not name, or names more than once, gets an
        /// UnexpectedResponse error (its change may or may not have been applied); the others keep their own result.
        /// </summary>
        private IReadOnlyList<ProvTaskOutcome> MatchBulkResults(IReadOnlyList<ProvTaskUpdate> updates, JObject json)
        {
            // The whole answer goes into the error of a task it does not answer well; written out only then.
            var body = new Lazy<string>(() => json.ToString(Formatting.None));
            if (!(json["tasks"] is JArray tasks))
            {
                var reason = "the server answered 200 with JSON of another shape (no tasks array) instead of the results OIG documents; whether the change was applied is unknown";
                return updates.Select(u => Failed(u, ApiFailure.UnexpectedResponse, reason, body.Value)).ToList();
            }

            var entries = new Dictionary<string, List<JObject>>(StringComparer.Ordinal);
            foreach (var entry in tasks.OfType<JObject>())
            {
                var id = UnexpectedAnswer.Text(entry["id"]) ?? UnexpectedAnswer.Text(entry["taskId"]);
                if (id == null)
                {
                    continue;
                }

                if (!entries.TryGetValue(id, out var list))
                {
                    entries[id] = list = new List<JObject>();
                }

                list.Add(entry);
            }

            var sent = new HashSet<string>(updates.Select(u => u.TaskId), StringComparer.Ordinal);
            foreach (var extra in entries.Keys.Where(id => !sent.Contains(id)))
            {
                trace.Verbose("The server's answer has an entry for task " + extra + ", which was not in this request; it was ignored.");
            }

            var unnamed = tasks.Count(t => !(t is JObject entry) || (UnexpectedAnswer.Text(entry["id"]) ?? UnexpectedAnswer.Text(entry["taskId"])) == null);
            var note = unnamed == 0 ? string.Empty : " (" + unnamed + " of its entries name no task)";
            return updates
                .Select(u =>
                {
                    if (!entries.TryGetValue(u.TaskId, out var found))
                    {
                        return Failed(u, ApiFailure.UnexpectedResponse, "the server's answer has no entry for this task" + note + "; whether the change was applied is unknown", body.Value);
                    }

                    return found.Count == 1
                        ? ReadEntry(u, found[0])
                        : Failed(u, ApiFailure.UnexpectedResponse, "the server's answer has " + found.Count + " entries for this task; whether the change was applied is unknown", body.Value);
                })
                .ToList();
        }

        private static ProvTaskOutcome ReadEntry(ProvTaskUpdate update, JObject entry)
        {
            var status = UnexpectedAnswer.Text(entry["status"]);
            var reason = UnexpectedAnswer.Text(entry["reason"]);
            var self = Link(entry, "self");
            var succeeded = string.Equals(status, "SUCCESS", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "OK", StringComparison.OrdinalIgnoreCase);
            var assignee = UnexpectedAnswer.Text(entry["assignee"]) ?? (succeeded && update.Action == ProvTaskAction.Reassign ? update.Assignee : null);
            var result = new ProvTaskResult(update, update.RequestId ?? UnexpectedAnswer.Text(entry["requestId"]), status ?? "Error", succeeded, reason, assignee, self);
            if (succeeded)
            {
                return ProvTaskOutcome.Succeeded(update, result);
            }

            if (status == null || !string.Equals(status, "FAIL", StringComparison.OrdinalIgnoreCase))
            {
                var said = status == null ? "without a status" : "with status '" + status + "', which OIG does not document";
                var unknown = "the server answered " + said + "; whether the change was applied is unknown";
                var unexpected = new ProvTaskResult(update, update.RequestId, "Error", false, unknown, null, self);
                return ProvTaskOutcome.Failed(update, unexpected, new ItemFailure(ApiFailure.UnexpectedResponse, unknown, entry.ToString(Formatting.None)));
            }

            var failure = reason != null && reason.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0 ? ApiFailure.NotFound : ApiFailure.Rejected;
            return ProvTaskOutcome.Failed(update, result, new ItemFailure(failure, reason ?? "no reason given", entry.ToString(Formatting.None)));
        }

        /// <summary>
        /// A single-task PUT refused with a FAIL body naming the task (a 404 for an unknown task) gets the Status and
        /// Reason the same refusal gets as an entry of a bulk answer, so a row's result does not depend on which request
        /// carried it; the failure kind stays the one of the HTTP status.
        /// </summary>
        private static ProvTaskOutcome FailedOne(ProvTaskUpdate update, ItemFailure failure)
        {
            var body = failure.ResponseBody == null ? null : UnexpectedAnswer.TryParse(failure.ResponseBody) as JObject;
            var status = UnexpectedAnswer.Text(body?["status"]);
            var reason = UnexpectedAnswer.Text(body?["reason"]);
            var answeredId = UnexpectedAnswer.Text(body?["id"]);
            if (body == null || reason == null || !string.Equals(status, "FAIL", StringComparison.OrdinalIgnoreCase)
                || (answeredId != null && !string.Equals(answeredId, update.TaskId, StringComparison.Ordinal)))
            {
                return ProvTaskOutcome.Failed(update, failure);
            }

            var result = new ProvTaskResult(update, update.RequestId, status!, false, reason, null, Link(body, "self"));
            return ProvTaskOutcome.Failed(update, result, new ItemFailure(failure.Kind, reason, failure.ResponseBody));
        }

        private static ProvTaskOutcome Failed(ProvTaskUpdate update, ApiFailure failure, string reason, string? details) =>
            ProvTaskOutcome.Failed(update, new ItemFailure(failure, reason, details));

        private static ProvTask ReadTask(JObject json, string? knownId)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in (json["fields"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var name = UnexpectedAnswer.Text(field["name"]);
                if (name != null)
                {
                    fields[name] = (field["value"] as JValue)?.Value;
                }
            }

            var self = Link(json, "self");
            var id = UnexpectedAnswer.Text(json["id"]) ?? knownId ?? LastSegment(self) ?? string.Empty;
            return new ProvTask(id, fields, self);
        }

        private JObject ParseOrThrow(ApiResponse response, string what)
        {
            if (!response.IsSuccess)
            {
                var failure = ApiException.FailureFor(response.Status);
                throw new ApiException(failure, "Reading " + what + " failed: " + OigErrorBody.Parse(response.Body).Describe(response.Status), response.Status, response.Body);
            }

            return UnexpectedAnswer.TryParse(response.Body) as JObject
                ?? throw new ApiException(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForRead(what, response, "the JSON object OIG documents", "not an object"), response.Status, response.Body);
        }

        private static string? Link(JObject json, string rel) =>
            UnexpectedAnswer.Text((json["links"] as JArray)?.OfType<JObject>().FirstOrDefault(l => UnexpectedAnswer.Text(l["rel"]) == rel)?["href"]);

        private static string? LastSegment(string? uri)
        {
            if (string.IsNullOrEmpty(uri))
            {
                return null;
            }

            var trimmed = uri!.TrimEnd('/');
            return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
        }
    }
}
