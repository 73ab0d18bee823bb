using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace GovernanceModule.Core.Tests.Faults;

/// <summary>What Core handed back for one input: a success, or a failure with its kind and message.</summary>
internal sealed record ItemOutcome(bool Succeeded, ApiFailure? Failure, string Message)
{
    public static ItemOutcome Success() => new(true, null, string.Empty);

    public static ItemOutcome Error(ApiFailure? failure, string? message) => new(false, failure, message ?? string.Empty);

    /// <summary>A failure after which the server may or may not have applied the change.</summary>
    public bool OutcomeOpen => Failure is ApiFailure.OutcomeUnknown or ApiFailure.Timeout;
}

/// <summary>
/// Counts the outcomes of a run per input key: every input must end with exactly one. Safe to record into from
/// several threads (the NERM run completes items on pool threads, although OrderedThrottle hands them back on one).
/// </summary>
internal sealed class OutcomeTally
{
    private readonly Dictionary<string, List<ItemOutcome>> outcomes = new(StringComparer.Ordinal);
    private readonly List<string> unexpected = new();
    private readonly Lock gate = new();

    public OutcomeTally(IEnumerable<string> inputs)
    {
        foreach (var key in inputs)
        {
            Assert.True(outcomes.TryAdd(key, new List<ItemOutcome>()), "input " + key + " is given twice");
        }
    }

    public int Inputs => outcomes.Count;

    /// <summary>Exceptions that escaped Core's per-item outcomes (a crash of the run): each costs its items.</summary>
    public List<Exception> Crashes { get; } = new();

    public void Record(string key, ItemOutcome outcome)
    {
        lock (gate)
        {
            if (outcomes.TryGetValue(key, out var list)) list.Add(outcome);
            else unexpected.Add(key);
        }
    }

    public void Crash(Exception ex)
    {
        lock (gate) Crashes.Add(ex);
    }

    public ItemOutcome? Single(string key) => outcomes[key].Count == 1 ? outcomes[key][0] : null;

    public IEnumerable<(string Key, ItemOutcome Outcome)> Singles =>
        outcomes.Where(p => p.Value.Count == 1).Select(p => (p.Key, p.Value[0]));

    public int Complete => outcomes.Count(p => p.Value.Count == 1);

    public int Lost => outcomes.Count(p => p.Value.Count == 0);

    public int Duplicated => outcomes.Count(p => p.Value.Count > 1);

    /// <summary>Outcomes for keys that were never input (a result matched to the wrong task, say).</summary>
    public IReadOnlyList<string> Unexpected => unexpected;

    public int Errors => outcomes.Values.Sum(l => l.Count(o => !o.Succeeded));

    /// <summary>How many errors of each failure kind, for the test output.</summary>
    public string ErrorSummary() =>
        string.Join(", ", outcomes.Values.SelectMany(l => l).Where(o => !o.Succeeded)
            .GroupBy(o => o.Failure?.ToString() ?? "exception").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key + " " + g.Count()));
}

/// <summary>The pieces the three fault runs share: client settings, the fault mix, the report line and state reads.</summary>
internal static class FaultSuite
{
    public const string ReportVariable = "FAULT_SUITE_REPORT";

    /// <summary>Longer than any healthy answer on a busy 2-core machine, short enough that the one timeout case costs little.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(4);

    /// <summary>The latency of the one timeout case; the emulator stops waiting when the client gives up.</summary>
    public const int TimeoutLatencyMs = 10_000;

    private static readonly Lock ReportGate = new();

    /// <summary>Production's attempt count, with test-length backoff; Retry-After (1 s) is honoured as given.</summary>
    public static ApiClientOptions ClientOptions() => new()
    {
        Timeout = ClientTimeout,
        Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 6 },
    };

    /// <summary>
    /// Adds the rules in order (the first matching rule whose turn it is applies), each limited to the API's change
    /// requests: to <paramref name="pathPrefix"/> unless the rule names a path of its own (one item's).
    /// </summary>
    public static void AddFaults(EmulatorHost host, string api, string method, string pathPrefix, IEnumerable<FaultRule> rules)
    {
        foreach (var rule in rules)
        {
            rule.Api = api;
            rule.Method = method;
            rule.PathPrefix ??= pathPrefix;
            host.Faults.Add(rule);
        }
    }

    /// <summary>The rule, limited to the requests for one item (whose path is <paramref name="path"/>).</summary>
    public static FaultRule For(this FaultRule rule, string path)
    {
        rule.PathPrefix = path;
        return rule;
    }

    public static FaultRule Status(int status, int every, int count, int? retryAfterSeconds = null) =>
        new() { Status = status, Every = every, Count = count, RetryAfterSeconds = retryAfterSeconds };

    public static FaultRule Drop(FaultMode mode, int every, int count) => new() { Mode = mode, Every = every, Count = count };

    public static FaultRule Slow(int latencyMs, int every, int count) => new() { LatencyMs = latencyMs, Every = every, Count = count };

    /// <summary>Every rule must have been used up: the faults really were injected, as many as planned.</summary>
    public static void AssertAllFaultsInjected(EmulatorHost host)
    {
        var left = host.Faults.Rules;
        Assert.True(left.Count == 0, "fault rules not used up: " + string.Join("; ", left.Select(r => (r.Mode == FaultMode.Respond ? (r.Status == 0 ? "latency " + r.LatencyMs + " ms" : r.Status.ToString()) : r.Mode.ToString()) + " every " + r.Every + ", " + r.Count + " left")));
    }

    /// <summary>True when the journal entry's request reached the endpoint and its change applied (or may have).</summary>
    public static bool Applied(JournalEntry entry) =>
        entry.Outcome == JournalOutcomes.DroppedAfterProcessing || (entry.Outcome == JournalOutcomes.Answered && entry.Status is >= 200 and < 300);

    /// <summary>
    /// The change requests by journal outcome, with how many of each were not idempotent, e.g.
    /// "answered 200: 1890 (470 not idempotent), fault-responded 503: 10 (3 not idempotent)".
    /// </summary>
    public static string JournalSummary(IEnumerable<JournalEntry> entries, Func<JournalEntry, bool> notIdempotent) =>
        string.Join(", ", entries.GroupBy(e => e.Outcome + (e.Status == 0 ? string.Empty : " " + e.Status))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + ": " + g.Count() + " (" + g.Count(notIdempotent) + " not idempotent)"));

    public static string ReportLine(string api, OutcomeTally tally, int doubleApplied, long retries) =>
        "Fault suite " + api + ": outcomes " + tally.Complete + "/" + tally.Inputs + ", lost " + tally.Lost + ", duplicated " + tally.Duplicated
        + ", double-applied " + doubleApplied + ", retries " + retries;

    /// <summary>Writes the line to the test output and appends it to $FAULT_SUITE_REPORT when that is set (CI prints the file).</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        var path = Environment.GetEnvironmentVariable(ReportVariable);
        if (!string.IsNullOrEmpty(path))
        {
            lock (ReportGate) File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    /// <summary>Reads admin JSON documents (state after the run), 8 at a time.</summary>
    /// <summary>
    /// OIG PUTs that were with the server at the same time and name a common task ("seq 12 and seq 13 share task 6"),
    /// from the journal's arrival and completion times; and the most PUTs that were with the server at once.
    /// </summary>
    public static (List<string> Shared, int MaxConcurrent) OverlappingOigTasks(IEnumerable<JournalEntry> puts)
    {
        var entries = puts.OrderBy(e => e.Sequence).Select(e => (Entry: e, Tasks: OigTaskIds(e))).ToList();
        var shared = new List<string>();
        for (var a = 0; a < entries.Count; a++)
        {
            for (var b = a + 1; b < entries.Count; b++)
            {
                var (x, y) = (entries[a].Entry, entries[b].Entry);
                if (x.Time < y.CompletedTime && y.Time < x.CompletedTime)
                {
                    var common = entries[a].Tasks.Intersect(entries[b].Tasks, StringComparer.Ordinal).FirstOrDefault();
                    if (common != null) shared.Add("seq " + x.Sequence + " and seq " + y.Sequence + " share task " + common);
                }
            }
        }

        // The most requests with the server at one moment: arrivals +1, completions -1, a completion first on a tie.
        var maxConcurrent = 0;
        var now = 0;
        foreach (var (_, step) in entries.SelectMany(e => new[] { (e.Entry.Time, 1), (e.Entry.CompletedTime, -1) }).OrderBy(t => t.Item1).ThenBy(t => t.Item2))
        {
            now += step;
            maxConcurrent = Math.Max(maxConcurrent, now);
        }

        return (shared, maxConcurrent);
    }

    private static List<string> OigTaskIds(JournalEntry entry)
    {
        var tasks = JsonNode.Parse(entry.Body)?["tasks"]?.AsArray();
        if (tasks != null) return tasks.Select(t => (string)t!["id"]!).ToList();
        return [entry.Path[(entry.Path.LastIndexOf('/') + 1)..]];
    }

    public static async Task<Dictionary<string, JsonObject>> ReadStatesAsync(EmulatorHost host, IEnumerable<string> keys, Func<string, string> pathOf)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var states = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var gate = new Lock();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
        {
            using var response = await http.GetAsync(pathOf(key), ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.IsSuccessStatusCode, "reading " + pathOf(key) + ": " + (int)response.StatusCode + " " + text);
            var json = (JsonObject)JsonNode.Parse(text)!;
            lock (gate) states[key] = json;
        });
        return states;
    }

    /// <summary>Fails with the first problems found, all counted.</summary>
    public static void AssertNoViolations(List<string> violations, string what)
    {
        Assert.True(violations.Count == 0, violations.Count + " " + what + ":\n" + string.Join("\n", violations.Take(15)));
    }

    public static bool MessageSaysUnknown(ItemOutcome outcome) =>
        outcome.Message.Contains("unknown", StringComparison.OrdinalIgnoreCase);
}
