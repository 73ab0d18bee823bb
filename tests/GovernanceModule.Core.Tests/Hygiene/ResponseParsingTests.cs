using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Core.Tests.Isc;
using GovernanceModule.Core.Tests.Nerm;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Nerm;
using Xunit;

namespace GovernanceModule.Core.Tests.Hygiene
{
    /// <summary>
    /// A success status with a body that is not what the vendor documents (a proxy's HTML page, a cut
    /// answer, an empty body, JSON of another shape, a bulk answer that misses, adds or repeats a task) is an
    /// UnexpectedResponse error for exactly the items it concerns, never an unhandled exception, never a success.
    /// Writes so answered say that their outcome is unknown.
    /// </summary>
    public sealed class ResponseParsingTests : IAsyncLifetime
    {
        private const string Html = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/login\"></form></body></html>";
        private static readonly string Source = IscSeedData.ExampleSourceId;
        private static readonly string ExampleId = NermSeedData.ExampleSessionId;

        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        /// <summary>Bodies no operation of any API documents, with the name each test case shows.</summary>
        public static IEnumerable<object[]> Bodies(params string[] extra)
        {
            yield return new object[] { "HTML page", Html };
            yield return new object[] { "empty body", "" };
            yield return new object[] { "JSON array", "[1,2,3]" };
            yield return new object[] { "JSON string", "\"ok\"" };
            yield return new object[] { "unrelated object", "{\"message\":\"ok\",\"unexpected\":true}" };
            foreach (var body in extra)
            {
                yield return new object[] { "wrong shape " + body, body };
            }
        }

        // ---- OIG ----

        public static IEnumerable<object[]> OigBulkBodies() => Bodies(
            "{\"tasks\":\"none\"}",
            "{\"tasks\":null}",
            "{\"links\":[],\"tasks\":{\"id\":\"6\",\"status\":\"SUCCESS\"}}").Append(new object[] { "truncated JSON", "{\"links\":[{\"rel\":\"self\",\"href\":\"x\"}],\"tasks\":[{\"id\":\"6\",\"status\":\"SUCC" });

        [Theory]
        [MemberData(nameof(OigBulkBodies))]
        public async Task Oig_bulk_PUT_answered_200_with_an_odd_body_fails_every_task_as_unknown(string name, string body)
        {
            Answer200(ApiNames.Oig, "PUT", body);
            using var connection = OigTestConnections.Demo(emulator);

            var outcomes = await new ProvTaskClient(connection).UpdateAsync(new[] { Note("6"), Note("3016"), Retry("1006") }, CancellationToken.None);

            Assert.Equal(new[] { "6", "3016", "1006" }, outcomes.Select(o => o.Result.TaskId));
            Assert.All(outcomes, o => AssertUnknown(o, name));
        }

        [Fact]
        public async Task Oig_bulk_answer_without_one_tasks_entry_fails_that_task_only()
        {
            Answer200(ApiNames.Oig, "PUT", "{\"tasks\":[{\"id\":\"6\",\"status\":\"SUCCESS\"},{\"id\":\"3016\",\"status\":\"FAIL\",\"reason\":\"Task is locked.\"}]}");
            using var connection = OigTestConnections.Demo(emulator);

            var outcomes = await new ProvTaskClient(connection).UpdateAsync(new[] { Note("6"), Note("3016"), Retry("1006") }, CancellationToken.None);

            Assert.Null(outcomes[0].Failure);
            Assert.True(outcomes[0].Result.Succeeded);
            Assert.Equal(ApiFailure.Rejected, outcomes[1].Failure);
            Assert.Equal("Task is locked.", outcomes[1].Result.Reason);
            AssertUnknown(outcomes[2], "missing entry");
            Assert.Contains("no entry", outcomes[2].Result.Reason);
        }

        [Fact]
        public async Task Oig_bulk_answer_with_an_entry_for_a_task_not_sent_keeps_every_real_outcome()
        {
            Answer200(ApiNames.Oig, "PUT", "{\"tasks\":[{\"id\":\"999\",\"status\":\"FAIL\"},{\"id\":\"1006\",\"status\":\"SUCCESS\"},{\"id\":\"6\",\"status\":\"SUCCESS\"},{\"id\":\"3016\",\"status\":\"SUCCESS\"}]}");
            using var connection = OigTestConnections.Demo(emulator);
            var trace = new Oig.RecordingTrace();

            var outcomes = await new ProvTaskClient(connection, trace).UpdateAsync(new[] { Note("6"), Note("3016"), Retry("1006") }, CancellationToken.None);

            Assert.All(outcomes, o => Assert.True(o.Result.Succeeded));
            Assert.DoesNotContain(outcomes, o => o.Result.TaskId == "999");
            Assert.Contains(trace.VerboseLines, l => l.Contains("task 999", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Oig_bulk_answer_with_a_duplicated_entry_fails_that_task_only()
        {
            Answer200(ApiNames.Oig, "PUT", "{\"tasks\":[{\"id\":\"6\",\"status\":\"SUCCESS\"},{\"id\":\"3016\",\"status\":\"SUCCESS\"},{\"id\":\"6\",\"status\":\"FAIL\",\"reason\":\"x\"},{\"id\":\"1006\",\"status\":\"SUCCESS\"}]}");
            using var connection = OigTestConnections.Demo(emulator);

            var outcomes = await new ProvTaskClient(connection).UpdateAsync(new[] { Note("6"), Note("3016"), Retry("1006") }, CancellationToken.None);

            AssertUnknown(outcomes[0], "duplicate");
            Assert.Contains("2 entries", outcomes[0].Result.Reason);
            Assert.True(outcomes[1].Result.Succeeded);
            Assert.True(outcomes[2].Result.Succeeded);
        }

        [Fact]
        public async Task Oig_bulk_entries_with_members_of_the_wrong_type_fail_those_tasks_only()
        {
            Answer200(ApiNames.Oig, "PUT", "{\"tasks\":[{\"id\":{\"value\":\"6\"},\"status\":\"SUCCESS\"},{\"id\":\"3016\",\"status\":{\"code\":\"SUCCESS\"}},{\"id\":\"1006\",\"status\":\"SUCCESS\",\"reason\":[1],\"links\":[{\"rel\":\"self\",\"href\":{\"x\":1}}]},7,\"text\"]}");
            using var connection = OigTestConnections.Demo(emulator);

            var outcomes = await new ProvTaskClient(connection).UpdateAsync(new[] { Note("6"), Note("3016"), Retry("1006") }, CancellationToken.None);

            AssertUnknown(outcomes[0], "id of another type");
            AssertUnknown(outcomes[1], "status of another type");
            Assert.True(outcomes[2].Result.Succeeded);
            Assert.Null(outcomes[2].Result.Uri);
        }

        public static IEnumerable<object[]> OigSingleBodies() => Bodies(
            "{\"id\":\"6\"}",
            "{\"id\":\"6\",\"status\":{\"code\":\"SUCCESS\"}}",
            "{\"id\":\"3016\",\"status\":\"SUCCESS\"}").Append(new object[] { "truncated JSON", "{\"links\":[{\"rel\":\"self\",\"href\":\"x\"}],\"id\":\"6\",\"status\":\"SUC" });

        [Theory]
        [MemberData(nameof(OigSingleBodies))]
        public async Task Oig_single_PUT_answered_200_with_an_odd_body_is_unknown(string name, string body)
        {
            Answer200(ApiNames.Oig, "PUT", body);
            using var connection = OigTestConnections.Demo(emulator);

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(Note("6"), CancellationToken.None);

            AssertUnknown(outcome, name);
        }

        public static IEnumerable<object[]> OigPageBodies() => Bodies(
            "{\"tasks\":\"none\"}",
            "{\"tasks\":[1,2]}",
            "{\"count\":3,\"hasMore\":false}",
            "{\"tasks\":[],\"hasMore\":\"maybe\"}").Append(new object[] { "truncated JSON", "{\"count\":5,\"hasMore\":false,\"tasks\":[{\"links\":[{\"rel\":\"se" });

        [Theory]
        [MemberData(nameof(OigPageBodies))]
        public async Task Oig_GET_page_answered_200_with_an_odd_body_is_an_error(string name, string body)
        {
            Answer200(ApiNames.Oig, "GET", body);
            using var connection = OigTestConnections.Demo(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => new ProvTaskClient(connection).GetPageAsync(null, 1, 10, CancellationToken.None));

            AssertRead(ex, name, "the task list");
        }

        [Fact]
        public async Task Oig_GET_page_with_count_0_and_no_tasks_member_is_an_empty_page()
        {
            Answer200(ApiNames.Oig, "GET", "{\"count\":0,\"hasMore\":false,\"totalResult\":-1}");
            using var connection = OigTestConnections.Demo(emulator);

            var page = await new ProvTaskClient(connection).GetPageAsync("Status.Category eq Nothing", 1, 10, CancellationToken.None);

            Assert.Empty(page.Tasks);
            Assert.False(page.HasMore);
        }

        [Theory]
        [MemberData(nameof(OigTaskBodies))]
        public async Task Oig_GET_task_answered_200_with_an_odd_body_is_an_error(string name, string body)
        {
            Answer200(ApiNames.Oig, "GET", body);
            using var connection = OigTestConnections.Demo(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => new ProvTaskClient(connection).GetAsync("6", CancellationToken.None));

            AssertRead(ex, name, "task 6");
        }

        public static IEnumerable<object[]> OigTaskBodies() => Bodies("{\"id\":\"6\",\"fields\":\"none\"}", "{\"id\":\"7\",\"fields\":[]}").Append(new object[] { "truncated JSON", "{\"id\":\"6\",\"fields\":[{\"name\":\"Process" });

        // ---- NERM ----

        public static IEnumerable<object[]> NermSessionBodies() => Bodies(
            "{\"workflow_session\":\"approved\"}",
            "{\"workflow_session\":{}}",
            "{\"workflow_session\":{\"id\":\"00000000-0000-4000-8000-000000000099\",\"status\":\"approved\"}}",
            "{\"workflow_sessions\":[]}").Append(new object[] { "truncated JSON", "{\"workflow_session\":{\"id\":\"" + ExampleId + "\",\"status\":\"appr" });

        [Theory]
        [MemberData(nameof(NermSessionBodies))]
        public async Task Nerm_PATCH_answered_200_with_an_odd_body_is_unknown(string name, string body)
        {
            Answer200(ApiNames.Nerm, "PATCH", body);
            using var connection = NermTestConnections.ApiKey(emulator);

            var outcome = await new WorkflowSessionClient(connection).UpdateAsync(Session(ExampleId), CancellationToken.None);

            Assert.True(outcome.Failure == ApiFailure.UnexpectedResponse, name + ": " + outcome.Failure + " " + outcome.Reason);
            Assert.Null(outcome.Session);
            Assert.Contains("unknown", outcome.Reason);
            Assert.Equal(body, outcome.ErrorDetails ?? string.Empty);
        }

        [Fact]
        public async Task Nerm_odd_answer_to_one_PATCH_fails_that_session_only()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Nerm, Method = "PATCH", Status = 200, Body = Html, ContentType = "text/html", Count = 1 });
            using var connection = NermTestConnections.ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);

            var first = await client.UpdateAsync(Session(ExampleId), CancellationToken.None);
            var second = await client.UpdateAsync(Session(NermSeedData.GeneratedId(1)), CancellationToken.None);

            Assert.Equal(ApiFailure.UnexpectedResponse, first.Failure);
            Assert.Contains("HTML page", first.Reason);
            Assert.Null(second.Failure);
            Assert.Equal("approved", second.Session!.Status);
        }

        [Theory]
        [MemberData(nameof(NermSessionBodies))]
        public async Task Nerm_GET_session_answered_200_with_an_odd_body_is_an_error(string name, string body)
        {
            Answer200(ApiNames.Nerm, "GET", body);
            using var connection = NermTestConnections.ApiKey(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => new WorkflowSessionClient(connection).GetAsync(ExampleId, CancellationToken.None));

            AssertRead(ex, name, "workflow session " + ExampleId);
        }

        public static IEnumerable<object[]> NermPageBodies() => Bodies(
            "{\"workflow_sessions\":{}}",
            "{\"workflow_sessions\":[{}]}",
            "{\"workflow_session\":{\"id\":\"" + ExampleId + "\"}}").Append(new object[] { "truncated JSON", "{\"workflow_sessions\":[{\"id\":\"" + ExampleId + "\",\"status\":\"appr" });

        [Theory]
        [MemberData(nameof(NermPageBodies))]
        public async Task Nerm_GET_page_answered_200_with_an_odd_body_is_an_error(string name, string body)
        {
            Answer200(ApiNames.Nerm, "GET", body);
            using var connection = NermTestConnections.ApiKey(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => new WorkflowSessionClient(connection).GetPageAsync(WorkflowSessionFilter.None, 0, 10, CancellationToken.None));

            AssertRead(ex, name, "the workflow session list");
        }

        [Fact]
        public async Task Nerm_page_metadata_of_the_wrong_types_is_read_without_a_crash()
        {
            Answer200(ApiNames.Nerm, "GET", "{\"workflow_sessions\":[{\"id\":\"" + ExampleId + "\"}],\"_metadata\":{\"total\":\"many\",\"next\":{\"href\":\"x\"}}}");
            using var connection = NermTestConnections.ApiKey(emulator);

            var page = await new WorkflowSessionClient(connection).GetPageAsync(WorkflowSessionFilter.None, 0, 10, CancellationToken.None);

            Assert.Equal(ExampleId, Assert.Single(page.Sessions).Id);
            Assert.False(page.HasMore);
        }

        // ---- ISC ----

        public static IEnumerable<object[]> IscPolicyBodies() => Bodies(
            "{\"name\":5,\"usageType\":\"CREATE\"}",
            "{\"name\":\"x\",\"fields\":\"none\"}",
            "{\"name\":\"x\",\"fields\":[1]}",
            "{\"usageType\":[\"CREATE\"]}").Append(new object[] { "truncated JSON", "{\"name\":\"example provisioning policy\",\"usageType\":\"CREATE\",\"fields\":[{\"name\":\"userN" });

        [Theory]
        [MemberData(nameof(IscPolicyBodies))]
        public async Task Isc_GET_policy_answered_200_with_an_odd_body_is_an_error(string name, string body)
        {
            Answer200(ApiNames.Isc, "GET", body);
            using var connection = IscTestConnections.Demo(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => new ProvisioningPolicyClient(connection).GetAsync(Source, "CREATE", CancellationToken.None));

            AssertRead(ex, name, "the CREATE policy of source " + Source);
        }

        public static IEnumerable<object[]> IscListBodies() => Bodies("[{\"message\":\"ok\"}]", "[{\"name\":\"x\"},\"y\"]").Append(new object[] { "truncated JSON", "[{\"name\":\"example\",\"usageType\":\"CREATE\"},{\"name\":\"sec" });

        [Theory]
        [MemberData(nameof(IscListBodies))]
        public async Task Isc_GET_list_answered_200_with_an_odd_body_is_an_error(string name, string body)
        {
            Answer200(ApiNames.Isc, "GET", body);
            using var connection = IscTestConnections.Demo(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => new ProvisioningPolicyClient(connection).ListAsync(Source, CancellationToken.None));

            AssertRead(ex, name, "the provisioning policies of source " + Source);
        }

        [Theory]
        [MemberData(nameof(IscPolicyBodies))]
        public async Task Isc_PATCH_answered_200_with_an_odd_body_is_unknown_and_says_to_read_the_policy_again(string name, string body)
        {
            Answer200(ApiNames.Isc, "PATCH", body);
            using var connection = IscTestConnections.Demo(emulator);
            var client = new ProvisioningPolicyClient(connection);

            var outcome = await client.ApplyAsync(await client.PlanAsync(PolicyEdit.WithChanges(Source, "CREATE", false, new PolicyChanges().WithDescription("changed")), CancellationToken.None), CancellationToken.None);

            Assert.False(outcome.Result.Succeeded, name);
            Assert.Equal(PolicyEditStatus.Failed, outcome.Result.Status);
            Assert.Null(outcome.Result.Policy);
            Assert.NotNull(outcome.Failure);
            Assert.Equal(ApiFailure.UnexpectedResponse, outcome.Failure);
            Assert.Contains("unknown", outcome.Reason);
            Assert.Contains("Get-ProvisioningPolicy", outcome.Reason);
            Assert.Equal(body, outcome.ErrorDetails ?? string.Empty);
        }

        public static IEnumerable<object[]> TokenBodies() => Bodies(
            "{\"token_type\":\"bearer\",\"expires_in\":749}",
            "{\"access_token\":{\"value\":\"abc\"}}",
            "{\"access_token\":\"\"}",
            "{\"access_token\":\"two words\"}").Append(new object[] { "truncated JSON", "{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJ4In0.c2lnbmF0dX" });

        [Theory]
        [MemberData(nameof(TokenBodies))]
        public async Task Isc_token_endpoint_answered_200_with_an_odd_body_is_an_error_that_quotes_nothing_of_it(string name, string body)
        {
            Answer200(ApiNames.Isc, "POST", body);
            using var connection = IscTestConnections.Demo(emulator);

            var ex = await Assert.ThrowsAnyAsync<ApiException>(() => connection.VerifyAsync(NullApiTrace.Instance, CancellationToken.None));

            Assert.True(ex.Failure == ApiFailure.UnexpectedResponse, name + ": " + ex.Failure + " " + ex.Message);
            Assert.Null(ex.ResponseBody);
            Assert.DoesNotContain("eyJ", ex.ToString());
            Assert.DoesNotContain("abc", ex.Message);
            Assert.Equal(0, emulator.Journal.Count("isc", "GET"));
        }

        [Fact]
        public async Task Isc_token_with_an_expires_in_of_the_wrong_type_is_used_and_renewed_early()
        {
            using var http = new System.Net.Http.HttpClient { BaseAddress = emulator.BaseUri };
            using var connection = IscTestConnections.Demo(emulator);
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "POST", Status = 200, Count = 1, Body = "{\"access_token\":\"not-a-token-the-emulator-knows\",\"expires_in\":\"soon\"}" });

            // The odd token is used, refused with 401, and replaced by a real one: no crash on expires_in.
            var policy = await new ProvisioningPolicyClient(connection).GetAsync(Source, "CREATE", CancellationToken.None);

            Assert.Equal("CREATE", policy.UsageType);
            Assert.Equal(2, connection.TokensFetched);
        }

        // ---- error bodies of odd shapes (not 200, but the same parsers) ----

        [Fact]
        public async Task Error_bodies_with_members_of_the_wrong_type_are_read_without_a_crash()
        {
            const string odd = "{\"error\":{\"code\":1},\"message\":[\"m\"],\"detailCode\":7,\"trackingId\":{\"x\":1},\"messages\":[{\"text\":{\"a\":1}},\"s\"],\"reason\":{\"r\":1},\"errors\":[\"status is wrong\"]}";
            emulator.Faults.Add(new FaultRule { Status = 400, Body = odd });
            using var oig = OigTestConnections.Demo(emulator);
            using var nerm = NermTestConnections.ApiKey(emulator);
            using var isc = IscTestConnections.Demo(emulator);

            var oigOutcome = await new ProvTaskClient(oig).UpdateOneAsync(Note("6"), CancellationToken.None);
            var nermOutcome = await new WorkflowSessionClient(nerm).UpdateAsync(Session(ExampleId), CancellationToken.None);
            var tokenError = await Assert.ThrowsAnyAsync<ApiException>(() => isc.VerifyAsync(NullApiTrace.Instance, CancellationToken.None));
            emulator.Faults.Clear();
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "GET", Status = 400, Body = odd });
            var iscError = await Assert.ThrowsAnyAsync<ApiException>(() => new ProvisioningPolicyClient(isc).GetAsync(Source, "CREATE", CancellationToken.None));

            Assert.Equal(ApiFailure.BadRequest, oigOutcome.Failure);
            Assert.Equal(ApiFailure.BadRequest, nermOutcome.Failure);
            Assert.Equal(ApiFailure.Unauthorized, tokenError.Failure);
            Assert.Contains("no error code", tokenError.Message);
            Assert.Equal(ApiFailure.BadRequest, iscError.Failure);
            Assert.Contains("400", iscError.Message);
        }

        // ---- helpers ----

        private void Answer200(string api, string method, string body) =>
            emulator.Faults.Add(new FaultRule { Api = api, Method = method, Status = 200, Body = body, ContentType = body.StartsWith("<", StringComparison.Ordinal) ? "text/html" : "application/json" });

        private static void AssertUnknown(ProvTaskOutcome outcome, string name)
        {
            Assert.True(outcome.Failure == ApiFailure.UnexpectedResponse, name + ": task " + outcome.Result.TaskId + " " + outcome.Failure + " " + outcome.Result.Reason);
            Assert.False(outcome.Result.Succeeded);
            Assert.Equal("Error", outcome.Result.Status);
            Assert.Contains("unknown", outcome.Result.Reason);
        }

        private static void AssertRead(ApiException ex, string name, string what)
        {
            Assert.True(ex.Failure == ApiFailure.UnexpectedResponse, name + ": " + ex.Failure + " " + ex.Message);
            Assert.StartsWith("Reading " + what + " failed: the server answered 200 with ", ex.Message);
            Assert.DoesNotContain("unknown", ex.Message);
            Assert.NotNull(ex.ResponseBody);
        }

        private static ProvTaskUpdate Note(string taskId) => ProvTaskUpdate.From(new ProvTaskInput { TaskId = taskId, Note = "parsing note" });

        private static ProvTaskUpdate Retry(string taskId) => ProvTaskUpdate.Create(taskId, ProvTaskAction.Retry);

        private static WorkflowSessionUpdate Session(string id) => WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = id, Status = "approved" });
    }
}
