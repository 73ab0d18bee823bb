using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;

namespace GovernanceModule.Bench
{
    /// <summary>
    /// Throughput and memory of the OIG bulk path against the emulator, printed as ratios against a baseline
    /// measured in the same run (the machines are shared and noisy). Not a test: run it by hand with
    /// `dotnet run -c Release --project bench/GovernanceModule.Bench`.
    /// </summary>
    public static class Program
    {
        private const int ThroughputTasks = 10_000;
        private const int FirstGeneratedId = 100_000;
        private static readonly int[] MemoryTasks = { 10_000, 100_000 };

        public static async Task<int> Main(string[] args)
        {
            if (args.Length == 3 && args[0] == "--memory-run")
            {
                return await MemoryRunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            }

            using var emulator = EmulatorProcess.Start(MemoryTasks.Max());
            Console.WriteLine("Emulator: " + emulator.Url + " with " + MemoryTasks.Max() + " generated tasks");

            using (var connection = Connect(emulator.Url))
            {
                var client = new ProvTaskClient(connection);
                await SendBatchedAsync(client, Updates(200, "warm-up"), ProvTaskChangeDefaults.BatchSize);

                var sequential = Stopwatch.StartNew();
                foreach (var update in Updates(ThroughputTasks, "sequential"))
                {
                    await client.UpdateOneAsync(update, CancellationToken.None);
                }

                sequential.Stop();
                // The batched run is short, so one pause of a shared machine would swamp it: take the median of three.
                var runs = new List<TimeSpan>();
                var outcomes = 0;
                for (var run = 0; run < 3; run++)
                {
                    var timer = Stopwatch.StartNew();
                    outcomes = await SendBatchedAsync(client, Updates(ThroughputTasks, "batched " + run), ProvTaskChangeDefaults.BatchSize);
                    runs.Add(timer.Elapsed);
                }

                var batched = runs.OrderBy(t => t).ElementAt(1);

                Console.WriteLine($"OIG {ThroughputTasks} tasks, sequential per-task PUTs: {sequential.Elapsed.TotalSeconds:0.00} s");
                Console.WriteLine($"OIG {ThroughputTasks} tasks, batched ({ProvTaskChangeDefaults.BatchSize} per PUT):  {batched.TotalSeconds:0.00} s, median of 3 ({outcomes} outcomes)");
                Console.WriteLine($"OIG speed-up of the batched path: {sequential.Elapsed.TotalSeconds / batched.TotalSeconds:0.0}x (target >= 10x)");
            }

            var peaks = new List<long>();
            foreach (var count in MemoryTasks)
            {
                var peak = MeasureInChildProcess(emulator.Url, count);
                peaks.Add(peak);
                Console.WriteLine($"OIG batched path, {count} tasks: peak working set {peak / (1024 * 1024)} MB (target < 150 MB)");
            }

            Console.WriteLine($"OIG peak memory ratio {MemoryTasks[1]}/{MemoryTasks[0]} tasks: {(double)peaks[1] / peaks[0]:0.00} (flat is about 1)");
            await NermBench.RunAsync(emulator.Url);
            return 0;
        }

        /// <summary>Streams N updates through the batched path in a fresh process and reports that process's peak working set.</summary>
        private static async Task<int> MemoryRunAsync(string url, int count)
        {
            using var connection = Connect(url);
            var outcomes = await SendBatchedAsync(new ProvTaskClient(connection), Updates(count, "memory"), ProvTaskChangeDefaults.BatchSize);
            if (outcomes != count)
            {
                Console.Error.WriteLine("lost outcomes: " + outcomes + " of " + count);
                return 1;
            }

            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        private static long MeasureInChildProcess(string url, int count)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            start.ArgumentList.Add("--memory-run");
            start.ArgumentList.Add(url);
            start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException("The memory run failed: " + output);
            }

            return long.Parse(output.Trim().Split('\n').Last(), CultureInfo.InvariantCulture);
        }

        /// <summary>The module's batched path, as Set-ProvTask runs it: batches of BatchSize, each sent when full.</summary>
        private static async Task<int> SendBatchedAsync(ProvTaskClient client, IEnumerable<ProvTaskUpdate> updates, int batchSize)
        {
            var batcher = new Batcher<ProvTaskUpdate>(batchSize, u => u.TaskId);
            var outcomes = 0;
            foreach (var update in updates)
            {
                foreach (var batch in batcher.Add(update))
                {
                    outcomes += (await client.UpdateAsync(batch, CancellationToken.None)).Count(o => o.Failure == null);
                }
            }

            outcomes += (await client.UpdateAsync(batcher.Drain(), CancellationToken.None)).Count(o => o.Failure == null);
            return outcomes;
        }

        private static IEnumerable<ProvTaskUpdate> Updates(int count, string note)
        {
            for (var i = 0; i < count; i++)
            {
                var id = (FirstGeneratedId + i).ToString(CultureInfo.InvariantCulture);
                yield return ProvTaskUpdate.From(new ProvTaskInput { TaskId = id, Note = note + " " + i });
            }
        }

        private static OigConnection Connect(string url) =>
            new OigConnection(new Uri(url), "xelsysadm", new NetworkCredential(string.Empty, "Demo-Passw0rd!").SecurePassword);

        private static class ProvTaskChangeDefaults
        {
            // Set-ProvTask's documented default -BatchSize.
            public const int BatchSize = 100;
        }

        /// <summary>The emulator in a child process, so that its memory is not counted as the client's.</summary>
        private sealed class EmulatorProcess : IDisposable
        {
            private readonly Process process;

            private EmulatorProcess(Process process, string url)
            {
                this.process = process;
                Url = url;
            }

            public string Url { get; }

            public static EmulatorProcess Start(int generatedTasks)
            {
                var dll = Path.Combine(AppContext.BaseDirectory, "GovernanceModule.Emulator.dll");
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0", "--Emulator:OigGeneratedTasks", generatedTasks.ToString(CultureInfo.InvariantCulture), "--Emulator:JournalCapacity", "1000", "--Emulator:JournalMaxBodyChars", "0" })
                {
                    start.ArgumentList.Add(arg);
                }

                var process = Process.Start(start)!;
                while (process.StandardOutput.ReadLine() is string line)
                {
                    const string marker = "Emulator listening on ";
                    var at = line.IndexOf(marker, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                        return new EmulatorProcess(process, line.Substring(at + marker.Length).Trim());
                    }
                }

                throw new InvalidOperationException("The emulator did not start.");
            }

            public void Dispose()
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.Dispose();
            }
        }
    }
}
