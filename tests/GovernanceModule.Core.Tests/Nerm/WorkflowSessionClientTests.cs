using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Tests.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Nerm;
using Newtonsoft.Json.Linq;
using Xunit;
using static GovernanceModule.Core.Tests.Nerm.NermTestConnections;

namespace GovernanceModule.Core.Tests.Nerm
{
    /// <summary>The NERM client over real HTTP against the emulator, asserting on what the server received and what the caller gets.</summary>
    public sealed class WorkflowSessionClientTests : IAsyncLifetime
    {
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task An_update_sends_only_what_was_given_and_returns_the_full_session()
        {
            using var connection = ApiKey(emulator);
            var update = Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved" });

            var outcome = await new WorkflowSessionClient(connection).UpdateAsync(update, CancellationToken.None);

            Assert.Null(outcome.Failure);
            var session = outcome.Session!;
            Assert.Equal(ExampleId, session.Id);
            Assert.Equal("approved", session.Status);
            Assert.Equal(32, session.Uid!.Length);
            Assert.Equal("User", session.RequesterType);
            Assert.Equal("draft text", session.Attributes["text_attribute_uid"]);

            var patch = Assert.Single(emulator.Journal.Entries("nerm"));
            Assert.Equal("PATCH", patch.Method);
            Assert.Equal("/api/workflow_sessions/" + ExampleId, patch.Path);
            Assert.Equal("", patch.Query);
            Assert.Equal("Bearer ***", patch.Headers["Authorization"]);
            Assert.StartsWith("application/json", patch.Headers["Content-Type"]);
            Assert.True(JToken.DeepEquals(JToken.Parse("""{"workflow_session":{"status":"approved"}}"""), JToken.Parse(patch.Body)), patch.Body);
        }

        [Fact]
        public async Task Attributes_merge_into_the_session_and_a_later_read_sees_them()
        {
            using var connection = ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);
            var input = new WorkflowSessionInput { Id = NermSeedData.GeneratedId(1) };
            input.Attributes.Add(new KeyValuePair<string, object?>("department_uid", "Finance"));
            input.Attributes.Add(new KeyValuePair<string, object?>("cost_centers_uid", new[] { "CC1", "CC2" }));

            var outcome = await client.UpdateAsync(Update(input), CancellationToken.None);
            var read = await client.GetAsync(NermSeedData.GeneratedId(1), CancellationToken.None);

            Assert.Null(outcome.Failure);
            Assert.Equal("Finance", read.Attributes["department_uid"]);
            Assert.Equal("CC1,CC2", read.Attributes["cost_centers_uid"]);
            Assert.Equal("1", read.Attributes["badge_number_uid"]);
            Assert.Equal(outcome.Session!.Status, read.Status);
        }

        [Fact]
        public async Task A_validation_400_surfaces_every_field_message_and_is_not_retried()
        {
            using var connection = ApiKey(emulator);

            var outcome = await new WorkflowSessionClient(connection).UpdateAsync(
                Update(new WorkflowSessionInput { Id = ExampleId, RequesterType = "NeaccessRegistrant", Status = "approved" }), CancellationToken.None);

            Assert.Equal(ApiFailure.BadRequest, outcome.Failure);
            Assert.Null(outcome.Session);
            Assert.Equal("400 BadRequest: The workflow session failed to create/update: requester_type: is not included in the list", outcome.Reason);
            Assert.Equal("requester_type", Assert.Single(outcome.FieldErrors).Key);
            Assert.Contains("\"errors\"", outcome.ErrorDetails);
            Assert.Equal(1, emulator.Journal.Count("nerm", "PATCH"));
            Assert.Equal("pending_approval", (await new WorkflowSessionClient(connection).GetAsync(ExampleId, CancellationToken.None)).Status);
        }

        [Fact]
        public async Task An_unknown_session_is_NotFound()
        {
            using var connection = ApiKey(emulator);
            var unknown = "11111111-2222-4333-8444-555555555555";

            var outcome = await new WorkflowSessionClient(connection).UpdateAsync(Update(new WorkflowSessionInput { Id = unknown, Status = "approved" }), CancellationToken.None);
            var read = await Assert.ThrowsAsync<ApiException>(() => new WorkflowSessionClient(connection).GetAsync(unknown, CancellationToken.None));

            Assert.Equal(ApiFailure.NotFound, outcome.Failure);
            Assert.Contains("The requested Workflow Session was not found", outcome.Reason);
            Assert.Equal(ApiFailure.NotFound, read.Failure);
            Assert.Equal(1, emulator.Journal.Count("nerm", "PATCH"));
        }

        [Fact]
        public async Task A_500_is_retried_for_a_plain_update_but_not_for_one_that_runs_the_session()
        {
            emulator.Faults.Add(new FaultRule { Api = "nerm", Method = "PATCH", Status = 500, Count = 1 });
            using var connection = ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);

            var plain = await client.UpdateAsync(Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved" }), CancellationToken.None);
            Assert.Null(plain.Failure);
            Assert.Equal(2, emulator.Journal.Count("nerm", "PATCH"));

            emulator.Faults.Add(new FaultRule { Api = "nerm", Method = "PATCH", Status = 500, Count = 1 });
            var run = await client.UpdateAsync(Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved", Run = true }), CancellationToken.None);
            Assert.Equal(ApiFailure.ServerError, run.Failure);
            Assert.Contains("Sorry something went wrong", run.Reason);
            Assert.Equal(3, emulator.Journal.Count("nerm", "PATCH"));
        }

        [Fact]
        public async Task Run_is_sent_as_a_query_flag_and_the_emulator_records_the_run()
        {
            using var connection = ApiKey(emulator);

            var outcome = await new WorkflowSessionClient(connection).UpdateAsync(Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved", Run = true }), CancellationToken.None);

            Assert.Null(outcome.Failure);
            Assert.Equal("?run=true", Assert.Single(emulator.Journal.Entries("nerm")).Query);
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            var state = JsonNode.Parse(await http.GetStringAsync("_emulator/nerm/sessions/" + ExampleId))!;
            Assert.Equal(1, (int)state["runs"]!);
        }

        [Fact]
        public async Task The_status_member_can_be_status_uid_for_tenants_that_need_it()
        {
            emulator.Options.Nerm.StatusOnlyThroughStatusUid = true;
            using var documented = ApiKey(emulator);
            using var quirky = ApiKey(emulator, statusMember: NermStatusMember.StatusUid);
            var update = Update(new WorkflowSessionInput { Id = ExampleId, Status = "rejected" });

            var ignored = await new WorkflowSessionClient(documented).UpdateAsync(update, CancellationToken.None);
            var applied = await new WorkflowSessionClient(quirky).UpdateAsync(update, CancellationToken.None);

            Assert.Equal("pending_approval", ignored.Session!.Status);
            Assert.Equal("rejected", applied.Session!.Status);
            Assert.Contains("\"status_uid\":\"rejected\"", emulator.Journal.Entries("nerm").Last().Body);
        }

        [Fact]
        public async Task ISC_client_credentials_fetch_one_token_for_many_concurrent_updates()
        {
            using var connection = ClientCredentials(emulator);
            var client = new WorkflowSessionClient(connection);
            var throttle = new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(WorkflowSessionClient.DefaultThrottleLimit, client.UpdateAsync);
            var outcomes = new List<Finished<WorkflowSessionUpdate, WorkflowSessionOutcome>>();

            for (var i = 1; i <= 40; i++)
            {
                outcomes.AddRange(await throttle.AddAsync(Update(new WorkflowSessionInput { Id = NermSeedData.GeneratedId(i), Status = "completed" }), CancellationToken.None));
            }

            outcomes.AddRange(await throttle.DrainAsync());

            Assert.Equal(Enumerable.Range(1, 40).Select(NermSeedData.GeneratedId), outcomes.Select(o => o.Result.Session!.Id));
            Assert.Equal(1, emulator.Journal.Count("isc", "POST", "/oauth/token"));
            Assert.Equal(40, emulator.Journal.Count("nerm", "PATCH"));
            Assert.Equal(1, connection.TokensFetched);
            Assert.All(emulator.Journal.Entries("nerm"), e => Assert.Equal("Bearer ***", e.Headers["Authorization"]));
        }

        [Fact]
        public async Task A_refused_API_key_stops_with_Unauthorized()
        {
            using var connection = ApiKey(emulator, key: "not-a-key");

            var ex = await Assert.ThrowsAsync<ApiException>(() => new WorkflowSessionClient(connection).UpdateAsync(Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved" }), CancellationToken.None));

            Assert.Equal(ApiFailure.Unauthorized, ex.Failure);
            Assert.True(ex.IsTerminating);
            Assert.DoesNotContain("not-a-key", ex.Message);
            Assert.Equal(1, emulator.Journal.Count("nerm", "PATCH"));
        }

        [Fact]
        public async Task Refused_client_credentials_stop_with_Unauthorized_before_any_NERM_request()
        {
            using var connection = ClientCredentials(emulator, secret: "wrong-secret");

            var ex = await Assert.ThrowsAsync<ApiException>(() => new WorkflowSessionClient(connection).UpdateAsync(Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved" }), CancellationToken.None));

            Assert.True(ex.IsTerminating);
            Assert.DoesNotContain("wrong-secret", ex.Message);
            Assert.Equal(0, emulator.Journal.Count("nerm"));
        }

        [Fact]
        public async Task Listing_reads_every_page_of_a_filter()
        {
            using var connection = ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);
            var filter = WorkflowSessionFilter.Create(status: "pending_approval", workflowId: NermSeedData.WorkflowId);

            var all = new List<WorkflowSession>();
            for (var offset = 0; ;)
            {
                var page = await client.GetPageAsync(filter, offset, 25, CancellationToken.None);
                all.AddRange(page.Sessions);
                if (!page.HasMore)
                {
                    break;
                }

                offset = page.NextOffset;
            }

            var oneBigPage = await client.GetPageAsync(filter, 0, 1000, CancellationToken.None);
            Assert.True(all.Count > 25, "the filter should span several pages");
            Assert.Equal(oneBigPage.Sessions.Select(s => s.Id), all.Select(s => s.Id));
            Assert.All(all, s => Assert.Equal("pending_approval", s.Status));
            Assert.All(all, s => Assert.Equal(NermSeedData.WorkflowId, s.WorkflowId));
            Assert.Contains(emulator.Journal.Entries("nerm"), e => e.Query.Contains("status=pending%20approval") && e.Query.Contains("offset=25"));
        }

        [Fact]
        public void A_filter_status_outside_the_list_vocabulary_is_refused_before_sending()
        {
            var ex = Assert.Throws<InputValidationException>(() => WorkflowSessionFilter.Create(status: "AUTH-STATUS1"));

            Assert.Contains("Closest valid values: ", ex.Message);
            Assert.Contains("(all 62: ", ex.Message);
            Assert.Equal("status=pending%20courion_extend", WorkflowSessionFilter.Create(status: "Pending_Courion_Extend").ToQuery());
        }

        [Fact]
        public async Task Verbose_tells_what_was_sent_and_debug_shows_bodies_but_never_the_token()
        {
            using var connection = ApiKey(emulator);
            var trace = new RecordingTrace();

            await new WorkflowSessionClient(connection, trace).UpdateAsync(Update(new WorkflowSessionInput { Id = ExampleId, Status = "approved" }), CancellationToken.None);

            Assert.Contains(trace.VerboseLines, l => l.StartsWith("PATCH " + emulator.BaseUri + "api/workflow_sessions/" + ExampleId) && l.Contains("200"));
            Assert.Contains(trace.DebugLines, l => l.Contains("\"status\":\"approved\""));
            Assert.DoesNotContain(trace.VerboseLines.Concat(trace.DebugLines), l => l.Contains(NermEmulatorOptions.DemoApiKeyDefault));
            Assert.DoesNotContain(NermEmulatorOptions.DemoApiKeyDefault, connection.ToString());
        }

        [Fact]
        public async Task Concurrent_updates_overlap_on_the_wire()
        {
            emulator.Faults.Add(new FaultRule { Api = "nerm", Method = "PATCH", LatencyMs = 200 });
            using var connection = ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);
            var throttle = new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(8, client.UpdateAsync);
            var started = System.Diagnostics.Stopwatch.StartNew();

            var outcomes = new List<Finished<WorkflowSessionUpdate, WorkflowSessionOutcome>>();
            for (var i = 1; i <= 16; i++)
            {
                outcomes.AddRange(await throttle.AddAsync(Update(new WorkflowSessionInput { Id = NermSeedData.GeneratedId(i), Status = "approved" }), CancellationToken.None));
            }

            outcomes.AddRange(await throttle.DrainAsync());

            Assert.Equal(16, outcomes.Count(o => o.Result.Session != null));
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(16 * 0.2 / 2), "16 updates of 200 ms took " + started.Elapsed + " with 8 in flight");
        }
    }
}
