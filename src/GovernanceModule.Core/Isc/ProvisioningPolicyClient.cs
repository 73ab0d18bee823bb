using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// ISC provisioning policies: read one or all of a source, and edit one with a JSON Patch in two steps, so the
    /// caller can show the exact patch (-WhatIf) between them: <see cref="PlanAsync"/> resolves the edit against
    /// the server's current policy, <see cref="ApplyAsync"/> sends it. Only a 401 throws from ApplyAsync.
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

        /// <summary>Resolves the edit into the patch to send; reads the current policy unless the caller wrote the operations.</summary>
        public async Task<PolicyEditPlan> PlanAsync(PolicyEdit edit, CancellationToken cancellationToken)
        {
            if (edit.Kind == PolicyEditKind.Operations)
            {
                return new PolicyEditPlan(edit, new PolicyPatch(Array.Empty<JsonPatchOperation>(), edit.Operations));
            }

            var current = await GetJsonAsync(edit.SourceId, edit.UsageType, cancellationToken).ConfigureAwait(false);
            if (edit.Kind == PolicyEditKind.Changes)
            {
                return new PolicyEditPlan(edit, PolicyPatchBuilder.ForChanges(current, edit.Changes!));
            }

            var desired = edit.Desired!;
            var patch = PolicyPatchBuilder.ForDesired(current, PolicyJson.ToJson(desired));
            if (desired.AsRead != null && !IscJson.JsonEquals(desired.AsRead, current))
            {
                return new PolicyEditPlan(edit, patch, edit.Target + " changed since it was read; nothing was sent. Read it again with Get-ProvisioningPolicy, make the change again, and send that.");
            }

            return new PolicyEditPlan(edit, patch);
        }

        /// <summary>Sends the plan's patch; an empty patch and a changed-since-read plan send nothing.</summary>
        public async Task<PolicyEditOutcome> ApplyAsync(PolicyEditPlan plan, CancellationToken cancellationToken)
        {
            var edit = plan.Edit;
            var body = plan.Patch.ToJson();
            if (plan.ChangedSinceRead != null)
            {
                return Failed(edit, body, PolicyEditStatus.ChangedSinceRead, new IscApiException(ApiFailure.ChangedSinceRead, plan.ChangedSinceRead));
            }

            if (plan.Patch.IsEmpty)
            {
                return new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Unchanged, body, reason: "The policy already is as asked; nothing was sent."));
            }

            var request = new ApiRequest(Patch, PolicyPath(edit.SourceId, edit.UsageType), body, JsonPatchContentType)
            {
                // Sent twice, most patches apply twice (an add to /fields/-) or fail their own guards: see IsIdempotent.
                Idempotent = plan.Patch.IsIdempotent,
                Summary = Plural.Of(plan.Patch.Operations.Count, "operation", "operations"),
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
                return Failed(edit, body, PolicyEditStatus.Failed, new IscApiException(ex.Failure, edit.Target + ": " + ex.Message, inner: ex));
            }

            if (response.IsSuccess)
            {
                return Updated(edit, body, response);
            }

            var error = IscError.Parse(response.Body);
            var failure = ApiException.FailureFor(response.Status);
            if (failure == ApiFailure.Unauthorized)
            {
                throw Unauthorized(response, error);
            }

            if (failure == ApiFailure.BadRequest && plan.Patch.Operations.Any(o => o.IsTest))
            {
                var changed = await ChangedSinceReadAsync(plan, cancellationToken).ConfigureAwait(false);
                if (changed != null)
                {
                    return Failed(edit, body, PolicyEditStatus.ChangedSinceRead, new IscApiException(ApiFailure.ChangedSinceRead, changed, response.Status, response.Body, error));
                }
            }

            var message = edit.Target + " was not changed: " + error.Describe(response.Status);
            return Failed(edit, body, PolicyEditStatus.Failed, new IscApiException(failure, message, response.Status, response.Body, error));
        }

        /// <summary>
        /// A 2xx answer to the PATCH: the updated policy, or, when the body is not a policy (a proxy's HTML page, a cut
        /// answer), an UnexpectedResponse error: such an answer may not have come from ISC at all, so whether the patch
        /// was applied is unknown.
        /// </summary>
        private static PolicyEditOutcome Updated(PolicyEdit edit, string body, ApiResponse response)
        {
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
                return new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Updated, body, PolicyJson.ToPolicy(policy, edit.SourceId)));
            }

            var message = edit.Target + ": " + UnexpectedAnswer.ForWrite(response, "the provisioning policy ISC documents", problem)
                + ". Read the policy again with Get-ProvisioningPolicy to see whether the change is there before sending it again.";
            return Failed(edit, body, PolicyEditStatus.Failed, new IscApiException(ApiFailure.UnexpectedResponse, message, response.Status, response.Body));
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
        private async Task<string?> ChangedSinceReadAsync(PolicyEditPlan plan, CancellationToken cancellationToken)
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

            return plan.Edit.Target + " changed since it was read (" + string.Join(", ", failing.Select(t => t.Path.Length == 0 ? "the policy" : t.Path)) + " differ); the server refused the whole patch and nothing was overwritten. Read it again with Get-ProvisioningPolicy and repeat the edit.";
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
                var error = IscError.Parse(response.Body);
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

        private IscApiException Unauthorized(ApiResponse response, IscError error) =>
            new IscApiException(
                ApiFailure.Unauthorized,
                "ISC refused the token of this connection even after fetching a new one (" + error.Describe(response.Status) + ").",
                response.Status,
                response.Body,
                error);

        private static PolicyEditOutcome Failed(PolicyEdit edit, string body, PolicyEditStatus status, IscApiException error) =>
            new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, status, body, reason: error.Message, trackingId: error.TrackingId), error);

        private static string PoliciesPath(string sourceId) => "sources/" + Uri.EscapeDataString(sourceId) + "/provisioning-policies";

        private static string PolicyPath(string sourceId, string usageType) => PoliciesPath(sourceId) + "/" + Uri.EscapeDataString(usageType);
    }
}
