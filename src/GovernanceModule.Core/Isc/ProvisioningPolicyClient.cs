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
            var json = await ReadAsync(PoliciesPath(sourceId), "the provisioning policies of source " + sourceId, cancellationToken).ConfigureAwait(false);
            if (!(json is JArray policies))
            {
                throw new IscApiException(ApiFailure.UnexpectedResponse, "Reading the provisioning policies of source " + sourceId + " failed: the answer is not a JSON array.");
            }

            return policies.OfType<JObject>().Select(p => PolicyJson.ToPolicy(p, sourceId)).ToList();
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
                return Failed(edit, body, PolicyEditStatus.ChangedSinceRead, new IscApiException(ApiFailure.Rejected, plan.ChangedSinceRead));
            }

            if (plan.Patch.IsEmpty)
            {
                return new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Unchanged, body, reason: "The policy already is as asked; nothing was sent."));
            }

            var request = new ApiRequest(Patch, PolicyPath(edit.SourceId, edit.UsageType), body, JsonPatchContentType)
            {
                // Sent twice, most patches apply twice (an add to /fields/-) or fail their own guards: see IsIdempotent.
                Idempotent = plan.Patch.IsIdempotent,
                Summary = plan.Patch.Operations.Count + " operations",
            };
            ApiResponse response;
            try
            {
                response = await api.SendAsync(request, trace, cancellationToken).ConfigureAwait(false);
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
                    return Failed(edit, body, PolicyEditStatus.ChangedSinceRead, new IscApiException(ApiFailure.Rejected, changed, response.Status, response.Body, error));
                }
            }

            var message = edit.Target + " was not changed: " + error.Describe(response.Status);
            return Failed(edit, body, PolicyEditStatus.Failed, new IscApiException(failure, message, response.Status, response.Body, error));
        }

        private PolicyEditOutcome Updated(PolicyEdit edit, string body, ApiResponse response)
        {
            try
            {
                var policy = PolicyJson.ToPolicy((JObject)IscJson.Parse(response.Body), edit.SourceId);
                return new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Updated, body, policy));
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidCastException)
            {
                // The server applied the patch; only its answer is odd. Report it, but as an update.
                return new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, PolicyEditStatus.Updated, body, reason: "The server answered " + (int)response.Status + " with a body that is not a policy."));
            }
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
            var json = await ReadAsync(PolicyPath(sourceId, usageType), "the " + usageType + " policy of source " + sourceId, cancellationToken).ConfigureAwait(false);
            return json as JObject ?? throw new IscApiException(ApiFailure.UnexpectedResponse, "Reading the " + usageType + " policy of source " + sourceId + " failed: the answer is not a JSON object.");
        }

        private async Task<JToken> ReadAsync(string path, string what, CancellationToken cancellationToken)
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

            try
            {
                return IscJson.Parse(response.Body);
            }
            catch (JsonException ex)
            {
                throw new IscApiException(ApiFailure.UnexpectedResponse, "Reading " + what + " failed: the answer is not JSON.", response.Status, response.Body, inner: ex);
            }
        }

        private IscApiException Unauthorized(ApiResponse response, IscError error) =>
            new IscApiException(
                ApiFailure.Unauthorized,
                "ISC refused the token of this connection even after fetching a new one (" + error.Describe(response.Status) + "). Check the client id and secret given to Connect-IscTenant.",
                response.Status,
                response.Body,
                error);

        private static PolicyEditOutcome Failed(PolicyEdit edit, string body, PolicyEditStatus status, IscApiException error) =>
            new PolicyEditOutcome(new PolicyEditResult(edit.SourceId, edit.UsageType, status, body, reason: error.Message, trackingId: error.TrackingId), error);

        private static string PoliciesPath(string sourceId) => "sources/" + Uri.EscapeDataString(sourceId) + "/provisioning-policies";

        private static string PolicyPath(string sourceId, string usageType) => PoliciesPath(sourceId) + "/" + Uri.EscapeDataString(usageType);
    }
}
