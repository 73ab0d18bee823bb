using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Emulator.Nerm;

namespace GovernanceModule.Bench
{
    /// <summary>
    /// NERM has no bulk endpoint: Update-WorkflowSession sends rows with bounded concurrency. This measures that path at
    /// its default -ThrottleLimit against one request at a time, with latency injected into every PATCH so that the
    /// loopback emulator behaves like a tenant across a network.
    /// </summary>
    public static class NermBench
    {
        private const int Updates = 1000;
        private const int LatencyMs = 20;

        public static async Task RunAsync(string emulatorUrl)
        {
            using var admin = new HttpClient { BaseAddress = new Uri(emulatorUrl.TrimEnd('/') + "/") };
            var fault = "{\"api\":\"nerm\",\"method\":\"PATCH\",\"latencyMs\":" + LatencyMs + "}";
            (await admin.PostAsync("_emulator/faults", new StringContent(fault, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            try
            {
                var token = new System.Net.NetworkCredential(string.Empty, NermEmulatorOptions.DemoApiKeyDefault).SecurePassword;
                using var connection = new NermConnection(new Uri(emulatorUrl), token);
                var client = new WorkflowSessionClient(connection);
                await SendConcurrentlyAsync(client, Inputs(100, "pending_review"), WorkflowSessionClient.DefaultThrottleLimit);

                var sequential = Stopwatch.StartNew();
                var sequentialDone = 0;
                foreach (var update in Inputs(Updates, "approved"))
                {
                    sequentialDone += (await client.UpdateAsync(update, CancellationToken.None)).Session != null ? 1 : 0;
                }

                sequential.Stop();
                var concurrent = Stopwatch.StartNew();
                var concurrentDone = await SendConcurrentlyAsync(client, Inputs(Updates, "completed"), WorkflowSessionClient.DefaultThrottleLimit);
                concurrent.Stop();

                Console.WriteLine($"NERM {Updates} updates, {LatencyMs} ms latency, sequential PATCHes: {sequential.Elapsed.TotalSeconds:0.00} s ({sequentialDone} updated)");
                Console.WriteLine($"NERM {Updates} updates, {LatencyMs} ms latency, {WorkflowSessionClient.DefaultThrottleLimit} in flight (default -ThrottleLimit): {concurrent.Elapsed.TotalSeconds:0.00} s ({concurrentDone} updated, in input order)");
                Console.WriteLine($"NERM speed-up of the concurrent path: {sequential.Elapsed.TotalSeconds / concurrent.Elapsed.TotalSeconds:0.0}x (target >= 3.5x)");
            }
            finally
            {
                (await admin.DeleteAsync("_emulator/faults")).Dispose();
            }
        }

        /// <summary>The cmdlet's path: an ordered throttle fed one input at a time, outcomes taken as they become ready.</summary>
        private static async Task<int> SendConcurrentlyAsync(WorkflowSessionClient client, IEnumerable<WorkflowSessionUpdate> updates, int limit)
        {
            var throttle = new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(limit, client.UpdateAsync);
            var expected = 0;
            var inOrder = 0;
            void Count(IReadOnlyList<Finished<WorkflowSessionUpdate, WorkflowSessionOutcome>> ready)
            {
                foreach (var done in ready)
                {
                    expected++;
                    if (done.Result?.Session?.Id == NermSeedData.GeneratedId(expected))
                    {
                        inOrder++;
                    }
                }
            }

            foreach (var update in updates)
            {
                Count(await throttle.AddAsync(update, CancellationToken.None));
            }

            Count(await throttle.DrainAsync());
            return inOrder;
        }

        private static IEnumerable<WorkflowSessionUpdate> Inputs(int count, string status)
        {
            for (var i = 1; i <= count; i++)
            {
                yield return WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = NermSeedData.GeneratedId(i), Status = status });
            }
        }
    }
}
