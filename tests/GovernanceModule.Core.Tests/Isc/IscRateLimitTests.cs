using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using Xunit;

namespace GovernanceModule.Core.Tests.Isc
{
    /// <summary>ISC's 100 requests per 10 s per client: kept on the client side, and a 429 is waited out, never a failed row while retries remain.</summary>
    public sealed class IscRateLimitTests : IAsyncLifetime
    {
        private const string Source = IscSeedData.ExampleSourceId;

        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task Edits_150_at_the_real_limit_finish_with_no_failed_row_and_no_429()
        {
            Assert.Equal(100, emulator.Options.Isc.RateLimitRequests);
            Assert.Equal(10, emulator.Options.Isc.RateLimitWindowSeconds);
            using var connection = IscTestConnections.Demo(emulator, requestsPerWindow: 100);
            var client = new ProvisioningPolicyClient(connection);
            var clock = Stopwatch.StartNew();

            var failed = 0;
            for (var i = 0; i < 150; i++)
            {
                var edit = PolicyEdit.WithOperations(Source, "CREATE", false, new[] { ProvisioningPolicyClientTests.Op("replace", "/description", "edit " + i) });
                var outcome = await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);
                failed += outcome.Result.Succeeded ? 0 : 1;
            }

            Assert.Equal(0, failed);
            var patches = emulator.Journal.Entries("isc").Where(e => e.Method == "PATCH").ToList();
            Assert.True(patches.Count == 150, string.Join("\n", patches.GroupBy(e => e.Body).Where(g => g.Count() > 1).SelectMany(g => g).Select(e => e.Sequence + " " + e.Status + " " + e.Outcome + " " + e.Time.ToString("O") + " " + e.Body)));
            Assert.DoesNotContain(emulator.Journal.Entries("isc"), e => e.Status == 429);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(14));
            Assert.Equal("edit 149", (await client.GetAsync(Source, "CREATE", CancellationToken.None)).Description);
        }

        [Fact]
        public async Task Without_the_client_side_limit_the_servers_429s_are_waited_out_and_no_row_fails()
        {
            emulator.Options.Isc.RateLimitRequests = 20;
            emulator.Options.Isc.RateLimitWindowSeconds = 1;
            using var connection = IscTestConnections.Demo(emulator, requestsPerWindow: 0, retry: new RetryPolicy { MaxAttempts = 4 });
            var client = new ProvisioningPolicyClient(connection);

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            {
                var edit = PolicyEdit.WithOperations(Source, "CREATE", false, new[] { ProvisioningPolicyClientTests.Op("add", "/fields/-", new System.Collections.Hashtable { ["name"] = "f" + i }) });
                return await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);
            }));

            Assert.All(outcomes, o => Assert.Equal(PolicyEditStatus.Updated, o.Result.Status));
            Assert.Contains(emulator.Journal.Entries("isc"), e => e.Status == 429);
            Assert.Equal(51, (await client.GetAsync(Source, "CREATE", CancellationToken.None)).Fields.Count);
        }

        [Fact]
        public async Task When_retries_run_out_a_429_is_a_Throttled_failure()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "PATCH", Status = 429, RetryAfterSeconds = 0, Count = -1 });
            using var connection = IscTestConnections.Demo(emulator);
            var client = new ProvisioningPolicyClient(connection);
            var edit = PolicyEdit.WithOperations(Source, "CREATE", false, new[] { ProvisioningPolicyClientTests.Op("replace", "/description", "never") });

            var outcome = await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);

            Assert.Equal(ApiFailure.Throttled, outcome.Failure);
            Assert.Contains("Rate Limit Exceeded", outcome.Reason);
            Assert.Equal(OigTestConnections.FastRetry().MaxAttempts, emulator.Journal.Count("isc", "PATCH"));
        }
    }
}
