using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Core.Tests.Nerm;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Xunit;

namespace GovernanceModule.Core.Tests.Cancellation
{
    /// <summary>
    /// Ctrl+C, as the cmdlets pass it on: the token cancels requests in flight and retry waits at once, and each
    /// cancelled request says whether the server may have applied it. The emulator's journal checks the claim.
    /// </summary>
    public sealed class CancellationTests : IAsyncLifetime
    {
        /// <summary>Far longer than a cancelled call may take; a call that waits it out fails the bound below.</summary>
        private const int LongWaitMs = 20_000;
        private static readonly TimeSpan PromptStop = TimeSpan.FromSeconds(5);

        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task A_stop_during_a_Retry_After_wait_ends_at_once_and_says_nothing_was_applied()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 429, RetryAfterSeconds = LongWaitMs / 1000, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);

            var stopped = await StopAfterAsync(ct => client.UpdateOneAsync(Reassign("3016"), ct), until: () => emulator.Journal.Count("oig", "PUT") == 1);

            Assert.False(stopped.OutcomeUnknown);
            Assert.Contains("nothing was changed", stopped.Message);
            Assert.Equal(1, emulator.Journal.Count("oig", "PUT"));
            Assert.Equal(0, await AppliedChangesAsync("3016"));
        }

        [Fact]
        public async Task A_stop_while_the_server_holds_the_request_says_its_outcome_is_unknown()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", LatencyMs = LongWaitMs, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);
            await client.GetPageAsync(null, 1, 1, CancellationToken.None); // the connection is open before the timed part

            var stopped = await StopAfterAsync(ct => client.UpdateAsync(new[] { Reassign("3016"), Reassign("3018") }, ct), until: WaitAWhile());

            Assert.True(stopped.OutcomeUnknown);
            Assert.Contains("unknown", stopped.Message);
            var put = Assert.Single(await JournalOfAsync("oig", "PUT"));
            Assert.Equal(JournalOutcomes.ClientDisconnected, put.Outcome);
        }

        [Fact]
        public async Task A_stop_while_waiting_to_resend_after_a_500_says_the_outcome_is_unknown()
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Status = 500, Count = 1 });
            var slowRetry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(LongWaitMs), MaxDelay = TimeSpan.FromMilliseconds(LongWaitMs) };
            using var connection = OigTestConnections.Demo(emulator, slowRetry);
            var client = new ProvTaskClient(connection);

            // A reassign is idempotent, so a 500 is waited out and resent; the 500 may have applied it.
            var stopped = await StopAfterAsync(ct => client.UpdateOneAsync(Reassign("3016"), ct), until: () => emulator.Journal.Count("oig", "PUT") == 1);

            Assert.True(stopped.OutcomeUnknown);
            Assert.Equal(1, emulator.Journal.Count("oig", "PUT"));
        }

        [Fact]
        public async Task A_stopped_NERM_run_tells_in_flight_updates_from_those_never_sent_and_the_journal_agrees()
        {
            emulator.Faults.Add(new FaultRule { Api = "nerm", Method = "PATCH", LatencyMs = LongWaitMs });
            using var connection = NermTestConnections.ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);
            var throttle = new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(2, client.UpdateAsync);
            var ids = Enumerable.Range(1, 3).Select(NermGeneratedId).ToList();
            using var stop = new CancellationTokenSource();

            await throttle.AddAsync(StatusUpdate(ids[0]), stop.Token);
            await throttle.AddAsync(StatusUpdate(ids[1]), stop.Token);
            var third = throttle.AddAsync(StatusUpdate(ids[2]), stop.Token); // waits for a slot
            // Long enough for both PATCHes to reach the server, which holds them, even on a loaded machine.
            await Task.Delay(2000);
            var clock = Stopwatch.StartNew();
            stop.Cancel();

            var waiting = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
            var inFlight = await throttle.DrainAsync();
            Assert.True(clock.Elapsed < PromptStop, "stopping took " + clock.Elapsed);

            Assert.Equal(StoppedFate.NotSent, RunLedger.FateOf(waiting));
            Assert.Equal(ids.Take(2), inFlight.Select(c => c.Item.Id));
            Assert.All(inFlight, c => Assert.Equal(StoppedFate.OutcomeUnknown, RunLedger.FateOf(Assert.IsAssignableFrom<OperationCanceledException>(c.Exception))));
            var patches = await JournalOfAsync("nerm", "PATCH", atLeast: 2);
            Assert.Equal(2, patches.Count);
            Assert.DoesNotContain(patches, p => p.Path.Contains(ids[2]));
        }

        [Fact]
        public async Task A_stop_while_the_ISC_token_is_fetched_says_nothing_was_sent()
        {
            emulator.Faults.Add(new FaultRule { Api = "isc", Method = "POST", PathPrefix = "/oauth/token", LatencyMs = LongWaitMs, Count = 1 });
            using var connection = GovernanceModule.Core.Tests.Isc.IscTestConnections.Demo(emulator);
            var client = new GovernanceModule.Core.Isc.ProvisioningPolicyClient(connection);

            var stopped = await StopAfterAsync(ct => client.ListAsync("2c9180835d191a86015d28455b4a2329", ct), until: WaitAWhile());

            Assert.False(stopped.OutcomeUnknown);
            Assert.Empty(await JournalOfAsync("isc", "GET"));
        }

        private static async Task<RequestCancelledException> StopAfterAsync<T>(Func<CancellationToken, Task<T>> call, Func<bool> until)
        {
            using var stop = new CancellationTokenSource();
            var running = call(stop.Token);
            var deadline = Stopwatch.StartNew();
            while (!until() && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }

            await Task.Delay(300); // the server journals a request as it starts to answer: let the answer reach the client
            Assert.False(running.IsCompleted, "the call ended before it was stopped");
            var clock = Stopwatch.StartNew();
            stop.Cancel();
            var stopped = await Assert.ThrowsAsync<RequestCancelledException>(() => running);
            Assert.True(clock.Elapsed < PromptStop, "stopping took " + clock.Elapsed);
            return stopped;
        }

        private static Func<bool> WaitAWhile()
        {
            var clock = Stopwatch.StartNew();
            return () => clock.ElapsedMilliseconds > 500;
        }

        /// <summary>
        /// The journal's entries of one API and method. The server journals an aborted request only when it notices the
        /// abort, so this waits a moment, and up to 20 s for <paramref name="atLeast"/> entries on a loaded machine.
        /// </summary>
        private async Task<System.Collections.Generic.List<JournalEntry>> JournalOfAsync(string api, string method, int atLeast = 0)
        {
            await Task.Delay(200);
            var waited = Stopwatch.StartNew();
            while (emulator.Journal.Count(api, method) < atLeast && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            return emulator.Journal.Entries(api).Where(e => e.Method == method).ToList();
        }

        private async Task<int> AppliedChangesAsync(string taskId)
        {
            using var http = new System.Net.Http.HttpClient();
            var json = Newtonsoft.Json.Linq.JObject.Parse(await http.GetStringAsync(new Uri(emulator.BaseUri, "_emulator/oig/tasks/" + taskId)));
            return json.Value<int>("appliedChanges");
        }

        private static ProvTaskUpdate Reassign(string taskId) =>
            ProvTaskUpdate.From(new ProvTaskInput { TaskId = taskId, Assignee = "23" });

        private static WorkflowSessionUpdate StatusUpdate(string id) =>
            NermTestConnections.Update(new WorkflowSessionInput { Id = id, Status = "completed" });

        private static string NermGeneratedId(int number) => GovernanceModule.Emulator.Nerm.NermSeedData.GeneratedId(number);
    }
}
