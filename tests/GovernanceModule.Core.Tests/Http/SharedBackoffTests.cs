using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Xunit;

namespace GovernanceModule.Core.Tests.Http
{
    /// <summary>A 429's Retry-After slows the whole connection: every request of it waits, not only the one told.</summary>
    public sealed class SharedBackoffTests : IAsyncLifetime
    {
        private const string TaskPath = "/iam/governance/selfservice/api/v1/provtasks/";
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        public async Task A_request_started_during_another_requests_Retry_After_waits_for_it_too(int status)
        {
            emulator.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", PathPrefix = TaskPath + "6", Status = status, RetryAfterSeconds = 1, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator);
            var told = new RetryAnnounced();
            var client = new ProvTaskClient(connection, told);

            var refusedOnce = client.UpdateOneAsync(Note("6"), CancellationToken.None);
            var toldAt = await told.At.Task.WaitAsync(TimeSpan.FromSeconds(20));
            var other = await new ProvTaskClient(connection).UpdateOneAsync(Note("3018"), CancellationToken.None);
            var first = await refusedOnce;

            Assert.True(first.Result.Succeeded);
            Assert.True(other.Result.Succeeded);
            var puts = emulator.Journal.Entries("oig").Where(e => e.Method == "PUT").OrderBy(e => e.Sequence).ToList();
            var refused = Assert.Single(puts, e => e.Status == status);
            var otherPut = Assert.Single(puts, e => e.Path.EndsWith("/3018", System.StringComparison.Ordinal));
            Assert.True(otherPut.Time - toldAt >= TimeSpan.FromMilliseconds(900),
                "task 3018 went out " + (otherPut.Time - toldAt).TotalMilliseconds + " ms after the client took the " + status + ", inside its Retry-After of 1 s");
            Assert.True(refused.Sequence < otherPut.Sequence);
        }

        /// <summary>Notes when the client, told to wait, announces its retry: the shared backoff is set by then.</summary>
        private sealed class RetryAnnounced : GovernanceModule.Core.Http.IApiTrace
        {
            public TaskCompletionSource<DateTimeOffset> At { get; } = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);

            public void Verbose(string message)
            {
                if (message.Contains("retrying in", StringComparison.Ordinal)) At.TrySetResult(DateTimeOffset.UtcNow);
            }

            public void Debug(string message) { }
        }

        private static ProvTaskUpdate Note(string taskId) => ProvTaskUpdate.From(new ProvTaskInput { TaskId = taskId, Note = "backoff test" });
    }
}
