using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Reading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>
    /// The NERM workflow-session operations. Every update yields exactly one <see cref="WorkflowSessionOutcome"/>;
    /// only refused credentials (401) throw, because no later item can succeed. Safe to use from several threads.
    /// </summary>
    public sealed class WorkflowSessionClient
    {
        /// <summary>
        /// Updates in flight at once by default. NERM has no bulk endpoint and documents no rate limit; 8 requests keep
        /// a tenant busy without hammering it (a 429 would still be waited out).
        /// </summary>
        public const int DefaultThrottleLimit = 8;

        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        private readonly NermConnection connection;
        private readonly ApiClient api;
        private readonly IApiTrace trace;

        public WorkflowSessionClient(NermConnection connection, IApiTrace? trace = null)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            api = connection.Client;
            this.trace = trace ?? NullApiTrace.Instance;
        }

        /// <summary>
        /// How NERM's changes go out: NERM has no bulk endpoint, so <paramref name="throttleLimit"/> requests at a time,
        /// handed back in input order. An update of a session waits while an earlier update of that session is in
        /// flight, so that several rows for one session are applied in input order, as OIG's sender does for tasks.
        /// </summary>
        public IChangeSender<WorkflowSessionUpdate, WorkflowSessionOutcome> CreateSender(int throttleLimit, ISendLog<WorkflowSessionUpdate>? log = null) =>
            new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(throttleLimit, SendLogged.Before(log, UpdateAsync), update => new[] { update.SessionKey });

        /// <summary>PATCH workflow_sessions/{id}, with only the members the update names.</summary>
        public async Task<WorkflowSessionOutcome> UpdateAsync(WorkflowSessionUpdate update, CancellationToken cancellationToken)
        {
            var body = WorkflowSessionPayload.ToJson(WorkflowSessionPayload.Build(update, connection.StatusMember));
            var request = new ApiRequest(Patch, WorkflowSessionPayload.RelativePath(update), body)
            {
                // run=true starts the workflow: sent twice it could run twice.
                Idempotent = update.IsIdempotent,
                Summary = "session " + update.Id,
            };

            ApiResponse response;
            try
            {
                response = await api.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (!ex.IsTerminating)
            {
                return WorkflowSessionOutcome.Failed(update, ItemFailure.From(ex));
            }

            ThrowIfUnauthorized(response);
            if (!response.IsSuccess)
            {
                var error = NermErrorBody.Parse(response.Body);
                return WorkflowSessionOutcome.Failed(update, new ItemFailure(ApiException.FailureFor(response.Status), error.Describe(response.Status), response.Body, fieldErrors: error.FieldErrors));
            }

            var session = TryReadSingle(response.Body, out var problem);
            if (session != null && !string.Equals(session.Id, update.Id, StringComparison.OrdinalIgnoreCase))
            {
                problem = "it describes session " + session.Id;
                session = null;
            }

            return session != null
                ? WorkflowSessionOutcome.Succeeded(update, session)
                : WorkflowSessionOutcome.Failed(update, new ItemFailure(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForWrite(response, "the workflow_session NERM documents", problem), response.Body));
        }

        /// <summary>GET workflow_sessions/{id}.</summary>
        /// <exception cref="InputValidationException">The id is not a UUID; nothing was sent.</exception>
        /// <exception cref="ApiException">The session could not be read (NotFound for an unknown id).</exception>
        public async Task<WorkflowSession> GetAsync(string id, CancellationToken cancellationToken)
        {
            var trimmed = (id ?? string.Empty).Trim();
            if (!WorkflowSessionUpdate.IsUuid(trimmed))
            {
                throw new InputValidationException("Id", "'" + id + "' is not a workflow session id; they are UUIDs such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.");
            }

            var response = await api.SendAsync(new ApiRequest(HttpMethod.Get, "workflow_sessions/" + Uri.EscapeDataString(trimmed)), trace, cancellationToken).ConfigureAwait(false);
            ThrowIfFailed(response, "workflow session " + trimmed);
            var session = TryReadSingle(response.Body, out var problem);
            if (session != null && !string.Equals(session.Id, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                problem = "it describes session " + session.Id;
                session = null;
            }

            return session
                ?? throw new ApiException(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForRead("workflow session " + trimmed, response, "the workflow_session NERM documents", problem), response.Status, response.Body);
        }

        /// <summary>
        /// Every session that matches <paramref name="filter"/>, read page by page before any is returned (see
        /// <see cref="AllPages"/>), each session once.
        /// </summary>
        public Task<IReadOnlyList<WorkflowSession>> GetAllAsync(WorkflowSessionFilter filter, int pageSize, CancellationToken cancellationToken) =>
            AllPages.ReadAsync<WorkflowSession>(
                0,
                async (offset, ct) =>
                {
                    var page = await GetPageAsync(filter, offset, pageSize, ct).ConfigureAwait(false);
                    return (page.Sessions, page.HasMore, page.NextOffset);
                },
                s => s.Id,
                cancellationToken);

        /// <summary>One page of GET workflow_sessions; <paramref name="offset"/> is 0-based.</summary>
        public async Task<WorkflowSessionPage> GetPageAsync(WorkflowSessionFilter filter, int offset, int limit, CancellationToken cancellationToken)
        {
            var query = "workflow_sessions?limit=" + limit.ToString(CultureInfo.InvariantCulture) + "&offset=" + offset.ToString(CultureInfo.InvariantCulture) + "&metadata=true";
            var filters = (filter ?? WorkflowSessionFilter.None).ToQuery();
            if (filters.Length > 0)
            {
                query += "&" + filters;
            }

            var response = await api.SendAsync(new ApiRequest(HttpMethod.Get, query), trace, cancellationToken).ConfigureAwait(false);
            ThrowIfFailed(response, "the workflow session list");
            var json = ParseObject(response.Body);
            var problem = json == null ? "not an object"
                : !(json["workflow_sessions"] is JArray list) ? "no workflow_sessions array"
                : list.Any(s => !(s is JObject session) || string.IsNullOrEmpty(UnexpectedAnswer.Text(session["id"]))) ? "a workflow_sessions entry without an id"
                : null;
            if (problem != null)
            {
                throw new ApiException(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForRead("the workflow session list", response, "the list NERM documents", problem), response.Status, response.Body);
            }

            var sessions = ((JArray)json!["workflow_sessions"]!).OfType<JObject>().Select(ReadSession).ToList();
            return new WorkflowSessionPage(sessions, HasMore(json["_metadata"] as JObject, offset, limit, sessions.Count), offset + sessions.Count);
        }

        /// <summary>NERM's _metadata tells whether a next page exists; without it, a full page suggests one.</summary>
        private static bool HasMore(JObject? metadata, int offset, int limit, int count)
        {
            if (count == 0)
            {
                return false;
            }

            if (metadata == null)
            {
                return count >= limit;
            }

            var total = metadata["total"] is JValue value && value.Type == JTokenType.Integer ? (long?)value : null;
            return !string.IsNullOrEmpty(UnexpectedAnswer.Text(metadata["next"])) || (total.HasValue && offset + count < total.Value);
        }

        private void ThrowIfUnauthorized(ApiResponse response)
        {
            if (response.Status == HttpStatusCode.Unauthorized)
            {
                var how = connection.Authentication == NermAuthentication.Token ? "the API key of this connection" : "the token of ISC client " + connection.ClientId;
                throw new ApiException(ApiFailure.Unauthorized, "NERM " + api.BaseUri.Authority + " refused " + how + " (401): " + NermErrorBody.Parse(response.Body).Summary, response.Status);
            }
        }

        private void ThrowIfFailed(ApiResponse response, string what)
        {
            ThrowIfUnauthorized(response);
            if (!response.IsSuccess)
            {
                throw new ApiException(
                    ApiException.FailureFor(response.Status),
                    "Reading " + what + " failed: " + NermErrorBody.Parse(response.Body).Describe(response.Status),
                    response.Status,
                    response.Body);
            }
        }

        /// <summary>The session of a {"workflow_session": {…}} answer, or null with what is wrong with the answer.</summary>
        private static WorkflowSession? TryReadSingle(string body, out string? problem)
        {
            var json = ParseObject(body);
            problem = json == null ? "not an object"
                : !(json["workflow_session"] is JObject session) ? "no workflow_session object"
                : string.IsNullOrEmpty(UnexpectedAnswer.Text(session["id"])) ? "a workflow_session without an id"
                : null;
            return problem == null ? ReadSession((JObject)json!["workflow_session"]!) : null;
        }

        private static JObject? ParseObject(string body)
        {
            try
            {
                return JToken.Parse(body) as JObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static WorkflowSession ReadSession(JObject json)
        {
            var profileIds = (json["profile_ids"] as JArray ?? new JArray()).Select(Text).Where(t => t != null).Select(t => t!).ToList();
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in (json["attributes"] as JObject)?.Properties() ?? Enumerable.Empty<JProperty>())
            {
                attributes[attribute.Name] = Text(attribute.Value) ?? string.Empty;
            }

            return new WorkflowSession(
                Text(json["id"]) ?? string.Empty,
                Text(json["uid"]),
                Text(json["workflow_id"]),
                Text(json["requester_id"]),
                Text(json["requester_type"]),
                Text(json["profile_id"]),
                profileIds,
                Text(json["status"]),
                attributes);
        }

        /// <summary>Scalars as text, whatever their JSON type; null for null or absent.</summary>
        private static string? Text(JToken? token)
        {
            switch (token)
            {
                case null: return null;
                case JValue value when value.Value == null: return null;
                case JValue value: return Convert.ToString(value.Value, CultureInfo.InvariantCulture);
                default: return token.ToString(Formatting.None);
            }
        }
    }
}
