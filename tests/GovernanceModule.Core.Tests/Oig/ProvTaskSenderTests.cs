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
            var sender = new ProvTaskSender<ProvTaskUpdate>(new ProvTaskClient(connection), 100, u => u);

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
            var sender = new ProvTaskSender<ProvTaskUpdate>(new ProvTaskClient(connection), 100, u => u);

            var first = await sender.AddAsync(Note("6"), CancellationToken.None);
            first = first.Concat(await sender.AddAsync(Note("3018"), CancellationToken.None)).ToList();
            var flushedEarly = await sender.AddAsync(Note("6", "again"), CancellationToken.None);
            var rest = await sender.FlushAsync(CancellationToken.None);

            Assert.Empty(first);
            Assert.Equal(new[] { "6", "3018" }, flushedEarly.Select(d => d.Item.TaskId));
            Assert.Equal(new[] { "6" }, rest.Select(d => d.Item.TaskId));
            var puts = emulator.Journal.Entries("oig").Where(e => e.Method == "PUT").ToList();
            Assert.Equal(2, puts.Count);
            Assert.All(puts, p => Assert.EndsWith("/provtasks", p.Path));
        }

        [Fact]
        public async Task After_a_stop_the_held_batch_is_handed_back_unsent()
        {
            using var connection = OigTestConnections.Demo(emulator);
            var sender = new ProvTaskSender<ProvTaskUpdate>(new ProvTaskClient(connection), 100, u => u);
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
            ProvTaskUpdate.From(new ProvTaskInput { TaskId = taskId, Note = note }, "Row 1");
    }
}
