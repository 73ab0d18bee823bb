using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Oig;
using GovernanceModule.Emulator;
using Xunit;

namespace GovernanceModule.Core.Tests.Oig
{
    /// <summary>OIG's protocol choices, made in Core: single or bulk PUT, and never one task twice in a request.</summary>
    public sealed class ProvTaskSenderTests : IAsyncLifetime
    {
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task A_run_of_one_change_uses_the_single_task_PUT()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var sender = new ProvTaskSender(new ProvTaskClient(connection), 100);

            Assert.Empty(await sender.AddAsync(Note("6"), CancellationToken.None));
            var done = Assert.Single(await sender.FlushAsync(CancellationToken.None));

            Assert.True(done.Result.Result.Succeeded);
            var put = Assert.Single(emulator.Journal.Entries("oig"), e => e.Method == "PUT");
            Assert.EndsWith("/provtasks/6", put.Path);
        }

        [Fact]
        public async Task A_second_change_to_a_task_goes_in_the_next_bulk_request_and_outcomes_keep_input_order()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var sender = new ProvTaskSender(new ProvTaskClient(connection), 100);

            var first = await sender.AddAsync(Note("6"), CancellationToken.None);
            first = first.Concat(await sender.AddAsync(Note("3018"), CancellationToken.None)).ToList();
            var handed = first.Concat(await sender.AddAsync(Note("6", "again"), CancellationToken.None)).ToList();
            handed.AddRange(await sender.FlushAsync(CancellationToken.None));

            Assert.Empty(first);
            Assert.Equal(new[] { "6", "3018", "6" }, handed.Select(d => d.Item.TaskId));
            Assert.Equal(new[] { "sender test", "sender test", "again" }, handed.Select(d => d.Item.Note));
            Assert.All(handed, d => Assert.True(d.Result.Result.Succeeded));
            var puts = emulator.Journal.Entries("oig").Where(e => e.Method == "PUT").ToList();
            Assert.Equal(2, puts.Count);
            Assert.All(puts, p => Assert.EndsWith("/provtasks", p.Path));
        }

        [Fact]
        public async Task Batches_overlap_up_to_the_throttle_limit_but_one_naming_a_task_in_flight_waits_for_its_answer()
        {
            emulator.Faults.Add(new GovernanceModule.Emulator.Infrastructure.FaultRule { Api = "oig", Method = "PUT", LatencyMs = 400, Count = -1 });
            using var connection = OigTestConnections.Demo(emulator);
            var sender = new ProvTaskSender(new ProvTaskClient(connection), 2, 4);

            // Batches of two: [6, 3018] and [3009, 1006] overlap; [3016, 6] names task 6 again and must wait for the first.
            var handed = new System.Collections.Generic.List<GovernanceModule.Core.Bulk.Finished<ProvTaskUpdate, ProvTaskOutcome>>();
            foreach (var update in new[] { Note("6"), Note("3018"), Note("3009"), Note("1006"), Note("3016"), Note("6", "again") })
            {
                handed.AddRange(await sender.AddAsync(update, CancellationToken.None));
            }

            handed.AddRange(await sender.FlushAsync(CancellationToken.None));

            Assert.Equal(new[] { "6", "3018", "3009", "1006", "3016", "6" }, handed.Select(d => d.Item.TaskId));
            var puts = emulator.Journal.Entries("oig").Where(e => e.Method == "PUT").OrderBy(e => e.Sequence).ToList();
            Assert.Equal(3, puts.Count);
            Assert.True(puts[1].Time - puts[0].Time < TimeSpan.FromMilliseconds(300), "the second batch did not overlap the first");
            Assert.True(puts[2].Time - puts[0].Time >= TimeSpan.FromMilliseconds(380), "the batch naming task 6 again went out while task 6 was in flight");
            Assert.Contains("again", puts[2].Body);
        }

        [Fact]
        public async Task Four_in_flight_over_repeated_tasks_apply_each_tasks_changes_in_input_order_and_never_send_a_task_twice_at_once()
        {
            // 400 reassigns over 25 tasks in batches of 10: most batches name a task of a batch just before them.
            const int Tasks = 25;
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { OigGeneratedTasks = Tasks });
            host.Faults.Add(new GovernanceModule.Emulator.Infrastructure.FaultRule { Api = "oig", Method = "PUT", LatencyMs = 80, Every = 2, Count = -1 });
            using var connection = OigTestConnections.Demo(host);
            var sender = new ProvTaskSender(new ProvTaskClient(connection), 10, 4);
            var assignees = new[] { "23", "24", "1001" };
            var updates = Enumerable.Range(0, 400)
                .Select(n => ProvTaskUpdate.From(new ProvTaskInput { TaskId = (GovernanceModule.Emulator.Oig.OigSeedData.FirstGeneratedId + n % Tasks).ToString(System.Globalization.CultureInfo.InvariantCulture), Assignee = assignees[(n / Tasks + n) % 3] }))
                .ToList();

            var handed = new System.Collections.Generic.List<GovernanceModule.Core.Bulk.Finished<ProvTaskUpdate, ProvTaskOutcome>>();
            foreach (var update in updates)
            {
                handed.AddRange(await sender.AddAsync(update, CancellationToken.None));
            }

            handed.AddRange(await sender.FlushAsync(CancellationToken.None));

            Assert.Equal(updates, handed.Select(d => d.Item));
            Assert.All(handed, d => Assert.True(d.Result.Result.Succeeded, d.Result.Result.Reason));
            var puts = host.Journal.Entries("oig").Where(e => e.Method == "PUT").ToList();
            Assert.Equal(40, puts.Count);
            var (shared, maxConcurrent) = GovernanceModule.Core.Tests.Faults.FaultSuite.OverlappingOigTasks(puts);
            Assert.True(shared.Count == 0, string.Join("; ", shared));
            Assert.InRange(maxConcurrent, 2, 4);
            var states = await GovernanceModule.Core.Tests.Faults.FaultSuite.ReadStatesAsync(host, updates.Select(u => u.TaskId).Distinct(), id => "_emulator/oig/tasks/" + id);
            foreach (var last in updates.GroupBy(u => u.TaskId).Select(g => g.Last()))
            {
                Assert.Equal(last.Assignee, (string?)states[last.TaskId]["assigneeKey"]);
            }
        }

        [Fact]
        public async Task After_a_stop_the_held_batch_is_handed_back_unsent()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var sender = new ProvTaskSender(new ProvTaskClient(connection), 100);
            await sender.AddAsync(Note("6"), CancellationToken.None);
            await sender.AddAsync(Note("3018"), CancellationToken.None);

            var abandoned = sender.Abandon();

            Assert.Equal(new[] { "6", "3018" }, abandoned.Unsent.Select(u => u.TaskId));
            Assert.Equal(0, sender.Pending);
            Assert.DoesNotContain(emulator.Journal.Entries("oig"), e => e.Method == "PUT");
        }

        [Fact]
        public async Task The_client_refuses_a_bulk_request_that_names_a_task_twice_and_sends_nothing()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var client = new ProvTaskClient(connection);

            await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateAsync(new[] { Note("6"), Note("3018"), Note("6", "again") }, CancellationToken.None));
            Assert.DoesNotContain(emulator.Journal.Entries("oig"), e => e.Method == "PUT");
        }

        private static ProvTaskUpdate Note(string taskId, string note = "sender test") =>
            ProvTaskUpdate.From(new ProvTaskInput { TaskId = taskId, Note = note });
    }
}
