using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Oig
{
    /// <summary>The OIG client over real HTTP against the emulator, asserting on what the server received and what the caller gets.</summary>
    public sealed class ProvTaskClientTests : IAsyncLifetime
    {
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task Reassign_alone_uses_the_single_task_PUT_with_the_required_headers()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "3009", Assignee = "23" }), CancellationToken.None);

            Assert.Null(outcome.Failure);
            Assert.Equal("SUCCESS", outcome.Result.Status);
            Assert.Equal("23", outcome.Result.Assignee);
            Assert.EndsWith("/provtasks/3009", outcome.Result.Uri);

            var put = Assert.Single(emulator.Journal.Entries("oig"), e => e.Method == "PUT");
            Assert.EndsWith("/provtasks/3009", put.Path);
            Assert.Equal("Basic ***", put.Headers["Authorization"]);
            Assert.False(string.IsNullOrEmpty(put.Headers["X-Requested-By"]));
            Assert.True(JToken.DeepEquals(
                JToken.Parse("""{"action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}"""),
                JToken.Parse(put.Body)));
        }

        [Fact]
        public async Task Note_and_response_are_stored_and_read_back()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);
            var outcomes = await client.UpdateAsync(
                new[] { Update(new ProvTaskInput { TaskId = "6", Note = "checked by desk" }), Update(new ProvTaskInput { TaskId = "3018", Response = "VALIDATION_FAILED" }) },
                CancellationToken.None);

            Assert.All(outcomes, o => Assert.True(o.Result.Succeeded));
            Assert.Equal("checked by desk", (await client.GetAsync("6", CancellationToken.None)).Fields[ProvTaskUpdate.NoteField]);
            Assert.Equal("VALIDATION_FAILED", (await client.GetAsync("3018", CancellationToken.None)).Fields[ProvTaskUpdate.ResponseField]);
        }

        [Fact]
        public async Task Older_field_update_is_answered_OK_with_the_assignee_name()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var fields = new System.Collections.Specialized.OrderedDictionary { ["Process Instance.Task Details.Projected End"] = "2016-02-21" };
            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "5126", RequestId = "10001", Field = fields }), CancellationToken.None);

            Assert.True(outcome.Result.Succeeded);
            Assert.Equal("OK", outcome.Result.Status);
            Assert.False(string.IsNullOrEmpty(outcome.Result.Assignee));
        }

        [Fact]
        public async Task Retry_of_a_manual_task_is_a_failed_result_with_the_server_reason()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.Create("30", ProvTaskAction.Retry), CancellationToken.None);

            Assert.Equal(ApiFailure.Rejected, outcome.Failure);
            Assert.False(outcome.Result.Succeeded);
            Assert.Equal("FAIL", outcome.Result.Status);
            Assert.Equal("This task is not automated. If task is completed, set status to UC.", outcome.Result.Reason);
        }

        [Fact]
        public async Task Bulk_with_mixed_outcomes_is_matched_by_id_although_the_server_answers_in_reverse()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var updates = new[]
            {
                Update(new ProvTaskInput { TaskId = "3016", RequestId = "10001", Assignee = "23" }),
                ProvTaskUpdate.Create("30", ProvTaskAction.Retry),
                Update(new ProvTaskInput { TaskId = "424242", Note = "no such task" }),
                ProvTaskUpdate.Create("1006", ProvTaskAction.Retry),
            };

            var outcomes = await new ProvTaskClient(connection).UpdateAsync(updates, CancellationToken.None);

            Assert.Equal(new[] { "3016", "30", "424242", "1006" }, outcomes.Select(o => o.Result.TaskId));
            Assert.Equal(new[] { true, false, false, true }, outcomes.Select(o => o.Result.Succeeded));
            Assert.Equal("10001", outcomes[0].Result.RequestId);
            Assert.Equal(ApiFailure.Rejected, outcomes[1].Failure);
            Assert.Equal(ApiFailure.NotFound, outcomes[2].Failure);
            var put = Assert.Single(emulator.Journal.Entries("oig"), e => e.Method == "PUT");
            Assert.EndsWith("/provtasks", put.Path);
            Assert.Equal(4, ((JArray)JObject.Parse(put.Body)["tasks"]!).Count);
        }

        [Fact]
        public async Task Bulk_results_match_in_either_server_order()
        {
            emulator.Options.OigReverseBulkOrder = false;
            using var connection = OigTestConnections.Demo(emulator);
            var updates = new[] { ProvTaskUpdate.Create("31", ProvTaskAction.Retry), ProvTaskUpdate.Create("1008", ProvTaskAction.Retry) };

            var outcomes = await new ProvTaskClient(connection).UpdateAsync(updates, CancellationToken.None);

            Assert.Equal(new[] { false, true }, outcomes.Select(o => o.Result.Succeeded));
        }

        [Fact]
        public async Task Throttled_request_waits_for_Retry_After_then_succeeds()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 429, RetryAfterSeconds = 1, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator);
            var trace = new RecordingTrace();
            var started = System.Diagnostics.Stopwatch.StartNew();

            var outcome = await new ProvTaskClient(connection, trace).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "6", Note = "n" }), CancellationToken.None);

            Assert.True(outcome.Result.Succeeded);
            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), "the client did not wait for Retry-After");
            Assert.Equal(2, emulator.Journal.Count("oig", "PUT"));
            Assert.Contains(trace.VerboseLines, l => l.Contains("429") && l.Contains("retrying in 1 s"));
        }

        [Fact]
        public async Task Service_unavailable_is_retried_until_it_answers()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 503, Count = 2 });
            using var connection = OigTestConnections.Demo(emulator);

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), CancellationToken.None);

            Assert.True(outcome.Result.Succeeded);
            Assert.Equal(3, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task Retries_are_bounded()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 503, Count = -1 });
            using var connection = OigTestConnections.Demo(emulator);

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "6", Note = "n" }), CancellationToken.None);

            Assert.Equal(ApiFailure.ServerError, outcome.Failure);
            Assert.Equal(OigTestConnections.FastRetry().MaxAttempts, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task Not_found_is_not_retried()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "424242", Note = "n" }), CancellationToken.None);

            Assert.Equal(ApiFailure.NotFound, outcome.Failure);
            Assert.Equal(1, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task An_unknown_task_has_the_same_status_and_reason_whether_a_bulk_or_a_single_request_carried_it()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);
            var alone = await client.UpdateOneAsync(Update(new ProvTaskInput { TaskId = "424242", Note = "n" }), CancellationToken.None);
            var inBulk = (await client.UpdateAsync(new[] { Update(new ProvTaskInput { TaskId = "424242", Note = "n" }), Update(new ProvTaskInput { TaskId = "6", Note = "n" }) }, CancellationToken.None))[0];

            Assert.Equal("FAIL", inBulk.Result.Status);
            Assert.Equal("Requested entity not found", inBulk.Result.Reason);
            Assert.Equal(inBulk.Result.Status, alone.Result.Status);
            Assert.Equal(inBulk.Result.Reason, alone.Result.Reason);
            Assert.Equal(inBulk.Failure, alone.Failure);
        }

        [Fact]
        public async Task Bad_request_is_not_retried()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 400, Count = 3 });
            using var connection = OigTestConnections.Demo(emulator);
            var outcomes = await new ProvTaskClient(connection).UpdateAsync(
                new[] { Update(new ProvTaskInput { TaskId = "6", Note = "n" }), Update(new ProvTaskInput { TaskId = "3009", Note = "n" }) },
                CancellationToken.None);

            Assert.All(outcomes, o => Assert.Equal(ApiFailure.BadRequest, o.Failure));
            Assert.Equal(1, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task Forbidden_user_gets_one_failed_outcome_per_task()
        {
            using var connection = OigTestConnections.Connect(emulator.BaseUri, EmulatorOptions.OigAuditorUserName, EmulatorOptions.OigAuditorPassword);
            var outcomes = await new ProvTaskClient(connection).UpdateAsync(
                new[] { Update(new ProvTaskInput { TaskId = "6", Note = "n" }), Update(new ProvTaskInput { TaskId = "3009", Note = "n" }) },
                CancellationToken.None);

            Assert.Equal(2, outcomes.Count);
            Assert.All(outcomes, o => Assert.Equal(ApiFailure.Forbidden, o.Failure));
        }

        [Fact]
        public async Task Wrong_password_stops_with_Unauthorized()
        {
            using var connection = OigTestConnections.Connect(emulator.BaseUri, EmulatorOptions.OigDemoUserName, "wrong");
            var ex = await Assert.ThrowsAsync<ApiException>(() => new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.Create("6", ProvTaskAction.Retry), CancellationToken.None));

            Assert.Equal(ApiFailure.Unauthorized, ex.Failure);
            Assert.True(ex.IsTerminating);
            Assert.Equal(1, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task Gateway_error_is_retried_for_a_note_but_not_for_a_retry()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 502, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);

            var note = await client.UpdateOneAsync(Update(new ProvTaskInput { TaskId = "6", Note = "n" }), CancellationToken.None);
            Assert.True(note.Result.Succeeded);
            Assert.Equal(2, emulator.Journal.Count("oig", "PUT"));

            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 502, Count = 1 });
            var retry = await client.UpdateOneAsync(ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), CancellationToken.None);
            Assert.Equal(ApiFailure.OutcomeUnknown, retry.Failure);
            Assert.Contains("whether the server applied it is unknown", retry.Result.Reason);
            Assert.Equal(3, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task A_retry_whose_connection_dropped_after_sending_is_reported_unknown_and_not_sent_again()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Mode = FaultMode.DropAfterProcessing, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator);

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.Create("1008", ProvTaskAction.Retry), CancellationToken.None);

            Assert.Equal(ApiFailure.OutcomeUnknown, outcome.Failure);
            Assert.Contains("unknown", outcome.Result.Reason);
            Assert.Equal(1, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task A_slow_server_surfaces_as_a_timeout()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", LatencyMs = 3000, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator, timeout: TimeSpan.FromMilliseconds(300));

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), CancellationToken.None);

            Assert.Equal(ApiFailure.Timeout, outcome.Failure);
        }

        [Fact]
        public async Task A_refused_connection_is_retried_then_reported_unreachable()
        {
            var closedPort = FreePort();
            using var connection = OigTestConnections.Connect(new Uri("http://127.0.0.1:" + closedPort), "u", "p");
            var trace = new RecordingTrace();

            var outcome = await new ProvTaskClient(connection, trace).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "6", Note = "n" }), CancellationToken.None);

            Assert.Equal(ApiFailure.Unreachable, outcome.Failure);
            Assert.Equal(OigTestConnections.FastRetry().MaxAttempts - 1, trace.VerboseLines.Count(l => l.Contains("refused")));
        }

        [Fact]
        public async Task Cancellation_stops_a_retry_wait_at_once()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 429, RetryAfterSeconds = 30, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator, retry: new RetryPolicy());
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var started = System.Diagnostics.Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ProvTaskClient(connection).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "6", Note = "n" }), cts.Token));

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
        }

        [Fact]
        public async Task Listing_reads_every_page_of_the_filter()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);
            const string filter = "Process::Instance.Task::Details.Status eq Rejected";

            var all = new List<ProvTask>();
            for (var offset = 1; ;)
            {
                var page = await client.GetPageAsync(filter, offset, 7, CancellationToken.None);
                all.AddRange(page.Tasks);
                if (!page.HasMore)
                {
                    break;
                }

                offset = page.NextOffset;
            }

            var oneBigPage = await client.GetPageAsync(filter, 1, 1000, CancellationToken.None);
            Assert.True(all.Count > 7, "the filter should span several pages");
            Assert.Equal(oneBigPage.Tasks.Select(t => t.TaskId), all.Select(t => t.TaskId));
            Assert.Equal(all.Count, all.Select(t => t.TaskId).Distinct().Count());
            Assert.All(all, t => Assert.Equal("Rejected", t.Status));
            Assert.Contains(all, t => t.TaskId == "1006");
        }

        [Fact]
        public async Task Verbose_tells_what_was_sent_and_debug_shows_bodies_but_never_credentials()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var trace = new RecordingTrace();
            await new ProvTaskClient(connection, trace).UpdateOneAsync(Update(new ProvTaskInput { TaskId = "6", Note = "visible note" }), CancellationToken.None);

            Assert.Contains(trace.VerboseLines, l => l.StartsWith("PUT " + emulator.OigBaseUri + "provtasks/6") && l.Contains("200") && l.Contains(" ms"));
            Assert.Contains(trace.DebugLines, l => l.Contains("visible note"));
            var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(EmulatorOptions.OigDemoUserName + ":" + EmulatorOptions.OigDemoPassword));
            Assert.DoesNotContain(trace.VerboseLines.Concat(trace.DebugLines), l => l.Contains(EmulatorOptions.OigDemoPassword) || l.Contains(basic));
            Assert.DoesNotContain(EmulatorOptions.OigDemoPassword, connection.ToString());
        }

        private static ProvTaskUpdate Update(ProvTaskInput input) => ProvTaskUpdate.From(input);

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
