using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// ISC provisioning policies: read one or all of a source, and edit one with a JSON Patch in two steps, so the
    /// caller can show the exact patch (-WhatIf) between them: <see cref="PlanAsync"/> resolves the edit against
    /// the server's current policy into an update, <see cref="ApplyAsync"/> sends it. Only a 401 throws from ApplyAsync.
    /// </summary>
    public sealed class ProvisioningPolicyClient
    {
        public const string JsonPatchContentType = "application/json-patch+json";

        private static readonly HttpMethod Patch = new HttpMethod("PATCH");

        private readonly ApiClient api;
        private readonly IApiTrace trace;

        public ProvisioningPolicyClient(IscConnection connection, IApiTrace? trace = null)
        {
            api = (connection ?? throw new ArgumentNullException(nameof(connection))).Client;
            this.trace = trace ?? NullApiTrace.Instance;
        }

        public async Task<ProvisioningPolicy> GetAsync(string sourceId, string usageType, CancellationToken cancellationToken) =>
            PolicyJson.ToPolicy(await GetJsonAsync(sourceId, usageType, cancellationToken).ConfigureAwait(false), sourceId);

        public async Task<IReadOnlyList<ProvisioningPolicy>> ListAsync(string sourceId, CancellationToken cancellationToken)
        {
            var json = await ReadAsync(PoliciesPath(sourceId), "the provisioning policies of source " + sourceId, ListProblem, "the array of provisioning policies ISC documents", cancellationToken).ConfigureAwait(false);
            return ((JArray)json).OfType<JObject>().Select(p => PolicyJson.ToPolicy(p, sourceId)).ToList();
        }

        /// <summary>One edit at a time: each is planned against the policy as the previous edit left it.</summary>
        public IChangeSender<ProvisioningPolicyUpdate, ProvisioningPolicyOutcome> CreateSender(ISendLog<ProvisioningPolicyUpdate>? log = null) =>
            new SequentialSender<ProvisioningPolicyUpdate, ProvisioningPolicyOutcome>(SendLogged.Before(log, ApplyAsync));

        /// <summary>Resolves the edit into the patch to send; reads the current policy unless the caller wrote the operations.</summary>
        public Task<ProvisioningPolicyUpdate> PlanAsync(PolicyEdit edit, CancellationToken cancellationToken) =>
            edit.PlanAsync(ct => GetJsonAsync(edit.SourceId, edit.UsageType, ct), cancellationToken);

        /// <summary>Sends the update's patch; an empty patch and a changed-since-read update send nothing.</summary>
        public async Task<ProvisioningPolicyOutcome> ApplyAsync(ProvisioningPolicyUpdate update, CancellationToken cancellationToken)
        {
            var edit = update.Edit;
            if (update.ChangedSinceRead != null)
            {
                return ProvisioningPolicyOutcome.Failed(update, new ItemFailure(ApiFailure.ChangedSinceRead, update.ChangedSinceRead));
            }

            if (update.Patch.IsEmpty)
            {
                return ProvisioningPolicyOutcome.Succeeded(update, null);
            }

            var request = new ApiRequest(Patch, PolicyPath(edit.SourceId, edit.UsageType), update.Patch.ToJson(), JsonPatchContentType)
            {
                // Sent twice, most patches apply twice (an add to /fields/-) or fail their own guards: see IsIdempotent.
                Idempotent = update.Patch.IsIdempotent,
                Summary = Plural.Of(update.Patch.Operations.Count, "operation", "operations"),
            };
            ApiResponse response;
            try
            {
                response = await api.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (ex.IsTerminating)
            {
                // The token was refused: no later edit can succeed either.
                throw new IscApiException(ex.Failure, edit.Target + " was not sent: " + ex.Message, ex.Status, inner: ex);
            }
            catch (ApiException ex)
            {
                return ProvisioningPolicyOutcome.Failed(update, new ItemFailure(ex.Failure, ex.Message, cause: ex));
            }

            if (response.IsSuccess)
            {
                return Updated(update, response);
            }

            var error = IscErrorBody.Parse(response.Body);
            var failure = ApiException.FailureFor(response.Status);
            if (failure == ApiFailure.Unauthorized)
            {
                throw Unauthorized(response, error);
            }

            if (failure == ApiFailure.BadRequest && update.Patch.Operations.Any(o => o.IsTest))
            {
                var changed = await ChangedSinceReadAsync(update, cancellationToken).ConfigureAwait(false);
                if (changed != null)
                {
                    return ProvisioningPolicyOutcome.Failed(update, new ItemFailure(ApiFailure.ChangedSinceRead, changed, response.Body, error.TrackingId));
                }
            }

            return ProvisioningPolicyOutcome.Failed(update, new ItemFailure(failure, error.Describe(response.Status), response.Body, error.TrackingId));
        }

        /// <summary>
        /// A 2xx answer to the PATCH: the updated policy, or, when the body is not a policy (a proxy's HTML page, a cut
        /// answer), an UnexpectedResponse error: such an answer may not have come from ISC at all, so whether the patch
        /// was applied is unknown.
        /// </summary>
        private static ProvisioningPolicyOutcome Updated(ProvisioningPolicyUpdate update, ApiResponse response)
        {
            var edit = update.Edit;
            JToken? json;
            try
            {
                json = IscJson.Parse(response.Body);
            }
            catch (JsonException)
            {
                json = null;
            }

            var problem = json == null ? null : PolicyProblem(json);
            if (json is JObject policy && problem == null)
            {
                return ProvisioningPolicyOutcome.Succeeded(update, PolicyJson.ToPolicy<StoredPolicy>(policy, edit.SourceId));
            }

            var message = UnexpectedAnswer.ForWrite(response, "the provisioning policy ISC documents", problem)
                + ". Read the policy again with Get-ProvisioningPolicy to see whether the change is there before sending it again.";
            return ProvisioningPolicyOutcome.Failed(update, new ItemFailure(ApiFailure.UnexpectedResponse, message, response.Body));
        }

        /// <summary>
        /// What makes a JSON value not a ProvisioningPolicyDto: not an object, none of name, usageType and fields, or one
        /// of them of the wrong JSON type. Null when it is one.
        /// </summary>
        private static string? PolicyProblem(JToken json)
        {
            if (!(json is JObject policy))
            {
                return "not an object";
            }

            var name = policy["name"];
            var usageType = policy["usageType"];
            var fields = policy["fields"];
            if (name == null && usageType == null && fields == null)
            {
                return "no name, usageType or fields";
            }

            if (name != null && name.Type != JTokenType.String && name.Type != JTokenType.Null)
            {
                return "name is not a string";
            }

            if (usageType != null && usageType.Type != JTokenType.String && usageType.Type != JTokenType.Null)
            {
                return "usageType is not a string";
            }

            if (fields != null && fields.Type != JTokenType.Null && !(fields is JArray list && list.All(f => f.Type == JTokenType.Object)))
            {
                return "fields is not an array of objects";
            }

            return null;
        }

        private static string? ListProblem(JToken json)
        {
            if (!(json is JArray policies))
            {
                return "not an array";
            }

            var problems = policies.Select(PolicyProblem).Where(p => p != null).ToList();
            return problems.Count == 0 ? null : "an entry is not a policy: " + problems[0];
        }

        /// <summary>After a refused patch with tests: reads the policy again and names the tests that no longer hold, or null.</summary>
        private async Task<string?> ChangedSinceReadAsync(ProvisioningPolicyUpdate plan, CancellationToken cancellationToken)
        {
            JObject current;
            try
            {
                current = await GetJsonAsync(plan.Edit.SourceId, plan.Edit.UsageType, cancellationToken).ConfigureAwait(false);
            }
            catch (IscApiException ex) when (!ex.IsTerminating)
            {
                return null;
            }

            var failing = plan.Patch.FailingTests(current);
            if (failing.Count == 0)
            {
                return null;
            }

            return "changed since it was read (" + string.Join(", ", failing.Select(t => t.Path.Length == 0 ? "the policy" : t.Path)) + " differ); the server refused the whole patch and nothing was overwritten. Read it again with Get-ProvisioningPolicy and repeat the edit.";
        }

        private async Task<JObject> GetJsonAsync(string sourceId, string usageType, CancellationToken cancellationToken)
        {
            var json = await ReadAsync(PolicyPath(sourceId, usageType), "the " + usageType + " policy of source " + sourceId, PolicyProblem, "the provisioning policy ISC documents", cancellationToken).ConfigureAwait(false);
            return (JObject)json;
        }

        /// <summary>GETs the path; throws an IscApiException unless the answer is a 2xx whose JSON <paramref name="problemOf"/> finds nothing wrong with.</summary>
        private async Task<JToken> ReadAsync(string path, string what, Func<JToken, string?> problemOf, string documented, CancellationToken cancellationToken)
        {
            ApiResponse response;
            try
            {
                response = await api.SendAsync(new ApiRequest(HttpMethod.Get, path), trace, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                throw new IscApiException(ex.Failure, "Reading " + what + " failed: " + ex.Message, inner: ex);
            }

            if (!response.IsSuccess)
            {
                var error = IscErrorBody.Parse(response.Body);
                if (response.Status == HttpStatusCode.Unauthorized)
                {
                    throw Unauthorized(response, error);
                }

                throw new IscApiException(ApiException.FailureFor(response.Status), "Reading " + what + " failed: " + error.Describe(response.Status), response.Status, response.Body, error);
            }

            JToken? json;
            try
            {
                json = IscJson.Parse(response.Body);
            }
            catch (JsonException)
            {
                json = null;
            }

            var problem = json == null ? null : problemOf(json);
            if (json == null || problem != null)
            {
                throw new IscApiException(ApiFailure.UnexpectedResponse, UnexpectedAnswer.ForRead(what, response, documented, problem), response.Status, response.Body);
            }

            return json;
        }

        private IscApiException Unauthorized(ApiResponse response, IscErrorBody error) =>
            new IscApiException(
                ApiFailure.Unauthorized,
                "ISC refused the token of this connection even after fetching a new one (" + error.Describe(response.Status) + ").",
                response.Status,
                response.Body,
                error);

        private static string PoliciesPath(string sourceId) => "sources/" + Uri.EscapeDataString(sourceId) + "/provisioning-policies";

        private static string PolicyPath(string sourceId, string usageType) => PoliciesPath(sourceId) + "/" + Uri.EscapeDataString(usageType);
    }
}
