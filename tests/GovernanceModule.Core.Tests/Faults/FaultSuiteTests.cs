using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Nerm;
using GovernanceModule.Emulator.Oig;
using Xunit;
using Xunit.Abstractions;
using static GovernanceModule.Core.Tests.Faults.FaultSuite;

namespace GovernanceModule.Core.Tests.Faults;

/// <summary>
/// For each API, a 2,000-item run driven through Core as the cmdlets drive it, against the
/// emulator injecting 429 (Retry-After 1 s), 500, 502, 503, dropped connections (before and after processing), slow
/// answers and one client timeout, spread through the run by <c>every</c>. Every input must end with exactly one
/// outcome, and the emulator's state and journal must show no non-idempotent change applied twice. Each test prints
/// <c>Fault suite API: outcomes N/N, lost 0, duplicated 0, double-applied 0, retries R</c> (also appended to
/// $FAULT_SUITE_REPORT, which .ci/run prints). One class, so the three runs never compete with each other.
/// </summary>
public sealed class FaultSuiteTests
{
    private const int Items = 2000;
    private const string OigChangePath = "/iam/governance/selfservice/api/v1/provtasks";
    private const string NermChangePath = "/api/workflow_sessions";
    private const string IscChangePath = "/v3/sources/";
    private const string IscUsageType = "CREATE";
    private const string IscSeedDescription = "seeded for the fault suite";
    private static readonly string[] OigAssignees = ["23", "24", "1001"];
    private static readonly string[] NermStatuses = ["pending_approval", "approved", "completed", "pending_review", "failed"];

    private readonly ITestOutputHelper output;

    public FaultSuiteTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    /// <summary>
    /// 20 bulk PUTs of 100 (SetProvTaskCommand's default batch): even batches reassign only (idempotent, re-sent
    /// after a lost answer), odd ones mix 50 reassigns with 50 retries of Rejected tasks (not idempotent). Sent as
    /// SetProvTaskCommand sends them: one batch at a time (-ThrottleLimit 1), where the faults land on fixed
    /// batches, and four in flight (the default), where they land on whichever request comes Nth.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Oig_2000_task_changes_under_faults_each_end_with_one_outcome_and_no_retry_runs_twice(int throttleLimit)
    {
        var watch = Stopwatch.StartNew();
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { OigGeneratedTasks = Items });
        // Few requests (20 batches plus 7 re-sends), so small spacings. Rules are tried in order and each counts only
        // the requests that reach it; with one batch at a time the placement is fixed (batches from 0): 2 (reassigns) meets a
        // 502 and a 500, both re-sent; 3 (retries) a drop before processing, reported unknown; 5 (retries) a 500,
        // reported; 6 (reassigns) a drop after processing, re-sent, then the timeout; 7 (retries) a 503, re-sent;
        // 8 (reassigns) a drop before processing and a 429, re-sent; 11 (retries) a drop after processing, reported
        // unknown; 17 (retries) a 429, re-sent; three others answer 300 ms late.
        AddFaults(host, "oig", "PUT", OigChangePath,
        [
            Drop(FaultMode.DropAfterProcessing, every: 9, count: 2),
            Status(500, every: 4, count: 2),
            Status(502, every: 3, count: 1),
            Status(503, every: 7, count: 1),
            Status(429, every: 9, count: 2, retryAfterSeconds: 1),
            Drop(FaultMode.DropBeforeProcessing, every: 4, count: 2),
            Slow(300, every: 2, count: 3),
            Slow(TimeoutLatencyMs, every: 3, count: 1),
        ]);

        var updates = OigInputs();
        var tally = new OutcomeTally(updates.Select(u => u.TaskId));
        var inIdempotentRequest = new Dictionary<string, bool>(StringComparer.Ordinal);
        var batcher = new Batcher<ProvTaskUpdate>(100, u => u.TaskId);
        foreach (var batch in updates.SelectMany(u => batcher.Add(u)).Append(batcher.Drain()))
        {
            var idempotent = batch.All(u => u.IsIdempotent);
            foreach (var update in batch) inIdempotentRequest[update.TaskId] = idempotent;
        }

        using var connection = new OigConnection(host.BaseUri, EmulatorOptions.OigDemoUserName, OigTestConnections.Secure(EmulatorOptions.OigDemoPassword), ClientOptions());
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // SetProvTaskCommand's way: batches of 100, throttleLimit of them in flight, handed back in input order.
        var sender = new ProvTaskSender(new ProvTaskClient(connection), 100, throttleLimit);
        var handedBack = new List<ProvTaskUpdate>();
        void Take(IReadOnlyList<Finished<ProvTaskUpdate, ProvTaskOutcome>> done)
        {
            foreach (var item in done)
            {
                handedBack.Add(item.Item);
                if (item.Exception != null) tally.Crash(item.Exception); // the cmdlet would stop here
                else tally.Record(item.Result.Result.TaskId, item.Result.Failure is null ? ItemOutcome.Success() : ItemOutcome.Error(item.Result.Failure, item.Result.Result.Reason));
            }
        }

        foreach (var update in updates) Take(await sender.AddAsync(update, limit.Token));
        Take(await sender.FlushAsync(limit.Token));
        var runTime = watch.Elapsed;

        var states = await ReadStatesAsync(host, updates.Select(u => u.TaskId), id => "_emulator/oig/tasks/" + id);
        var journal = host.Journal.Entries("oig").Where(e => e.Method == "PUT").ToList();
        var applications = new Dictionary<string, int>(StringComparer.Ordinal);
        var idempotentResentAfterDrop = 0;
        static bool NotIdempotent(JournalEntry entry) => entry.Body.Contains("\"action\":\"retry\"", StringComparison.Ordinal);
        foreach (var entry in journal)
        {
            var tasks = JsonNode.Parse(entry.Body)!["tasks"]!.AsArray().Select(t => t!.AsObject()).ToList();
            if (Applied(entry))
            {
                foreach (var task in tasks) applications[(string)task["id"]!] = applications.GetValueOrDefault((string)task["id"]!) + 1;
            }

            if (entry.Outcome == JournalOutcomes.DroppedAfterProcessing && tasks.All(t => (string?)t["action"] != "retry")) idempotentResentAfterDrop++;
        }

        int AppliedChanges(string id) => (int)states[id]["appliedChanges"]!;
        var doubleApplied = updates.Count(u => !u.IsIdempotent && (AppliedChanges(u.TaskId) > 1 || applications.GetValueOrDefault(u.TaskId) > 1));
        var (sharedInFlight, maxInFlight) = OverlappingOigTasks(journal);
        Report(output, ReportLine("OIG", tally, doubleApplied, connection.Client.Retries) + ", -ThrottleLimit " + throttleLimit + " (at most " + maxInFlight + " requests with the server at once), tasks in two requests in flight at once " + sharedInFlight.Count);
        output.WriteLine("OIG run " + runTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s; errors: " + tally.ErrorSummary() + "; journal: " + JournalSummary(journal, NotIdempotent));

        AssertEveryInputHasOneOutcome(tally);
        Assert.Equal(updates, handedBack);
        Assert.Equal(0, doubleApplied);
        Assert.True(sharedInFlight.Count == 0, string.Join("; ", sharedInFlight));
        // A request the client gave up on (timed out) may stay with the server while the next one goes out.
        Assert.InRange(maxInFlight, throttleLimit == 1 ? 1 : 2, throttleLimit + 1);
        AssertAllFaultsInjected(host);

        var violations = new List<string>();
        foreach (var update in updates)
        {
            var id = update.TaskId;
            var outcome = tally.Single(id)!;
            var state = states[id];
            var applied = AppliedChanges(id);
            var desired = update.Action == ProvTaskAction.Retry
                ? (string?)state["status"] == OigTaskStatus.Completed
                : (string?)state["assigneeKey"] == update.Assignee;
            CheckItem(violations, "task " + id + " (" + update.Action + ")", outcome, inIdempotentRequest[id], applied, applications.GetValueOrDefault(id), desired);
        }

        AssertNoViolations(violations, "OIG items whose outcome and the server's state disagree");
        if (throttleLimit > 1)
        {
            return; // Which batch meets which fault depends on the order the requests arrive in.
        }

        // The mix must have met both kinds of request: a lost answer re-sent, and a lost answer reported unknown.
        Assert.True(idempotentResentAfterDrop > 0, "no reassign-only batch lost its answer after processing");
        Assert.Contains(tally.Singles, s => s.Outcome.Failure == ApiFailure.OutcomeUnknown);
        Assert.Contains(tally.Singles, s => s.Outcome.Failure == ApiFailure.Timeout);
    }

    /// <summary>
    /// UpdateWorkflowSessionCommand's way: OrderedThrottle with 8 in flight over WorkflowSessionClient.UpdateAsync.
    /// Three in four change the status (idempotent); every fourth also runs the session (run=true, not idempotent).
    /// </summary>
    [Fact]
    public async Task Nerm_2000_session_updates_under_faults_each_end_with_one_outcome_and_no_session_runs_twice()
    {
        var watch = Stopwatch.StartNew();
        var options = new EmulatorOptions();
        options.Nerm.GeneratedSessions = Items;
        await using var host = await EmulatorHost.StartAsync(options);
        // Eight requests in flight make the spread rules land on whichever item's request comes Nth, so the cases the
        // test must meet are pinned to sessions first (each rule matches only its session's path; n % 4 == 0 runs).
        AddFaults(host, "nerm", "PATCH", NermChangePath,
        [
            Drop(FaultMode.DropAfterProcessing, every: 1, count: 1).For(NermSessionPath(100)),
            Drop(FaultMode.DropBeforeProcessing, every: 1, count: 1).For(NermSessionPath(500)),
            Status(500, every: 1, count: 1).For(NermSessionPath(400)),
            Status(503, every: 1, count: 1).For(NermSessionPath(200)),
            Status(429, every: 1, count: 1, retryAfterSeconds: 1).For(NermSessionPath(300)),
            Drop(FaultMode.DropAfterProcessing, every: 1, count: 1).For(NermSessionPath(101)),
            Status(502, every: 1, count: 1).For(NermSessionPath(401)),
            Status(429, every: 97, count: 4, retryAfterSeconds: 1),
            Status(503, every: 41, count: 10),
            Status(500, every: 37, count: 10),
            Status(502, every: 43, count: 10),
            Drop(FaultMode.DropBeforeProcessing, every: 53, count: 8),
            Drop(FaultMode.DropAfterProcessing, every: 31, count: 12),
            Slow(200, every: 29, count: 10),
            Slow(500, every: 59, count: 5),
            Slow(TimeoutLatencyMs, every: 499, count: 1),
        ]);

        var updates = Enumerable.Range(1, Items).Select(NermInput).ToList();
        var tally = new OutcomeTally(updates.Select(u => u.Id));
        using var connection = new NermConnection(host.BaseUri, OigTestConnections.Secure(NermEmulatorOptions.DemoApiKeyDefault), NermStatusMember.Status, ClientOptions());
        var client = new WorkflowSessionClient(connection);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var throttle = new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(WorkflowSessionClient.DefaultThrottleLimit, (u, ct) => client.UpdateAsync(u, ct));

        void Record(IReadOnlyList<Finished<WorkflowSessionUpdate, WorkflowSessionOutcome>> completed)
        {
            foreach (var done in completed)
            {
                if (done.Exception != null)
                {
                    // The cmdlet writes an error for such an item (or stops the pipeline on a 401): one outcome.
                    tally.Record(done.Item.Id, ItemOutcome.Error((done.Exception as ApiException)?.Failure, done.Exception.Message));
                    continue;
                }

                Assert.Same(done.Item, done.Result.Update);
                tally.Record(done.Result.Update.Id, done.Result.Session != null ? ItemOutcome.Success() : ItemOutcome.Error(done.Result.Failure, done.Result.Reason));
            }
        }

        try
        {
            foreach (var update in updates) Record(await throttle.AddAsync(update, limit.Token));
            Record(await throttle.DrainAsync());
        }
        catch (Exception ex)
        {
            tally.Crash(ex);
        }

        var runTime = watch.Elapsed;
        var states = await ReadStatesAsync(host, updates.Select(u => u.Id), id => "_emulator/nerm/sessions/" + id);
        var journal = host.Journal.Entries("nerm").Where(e => e.Method == "PATCH").ToList();
        var applications = new Dictionary<string, int>(StringComparer.Ordinal);
        var runApplications = new Dictionary<string, int>(StringComparer.Ordinal);
        var idempotentResentAfterDrop = 0;
        static bool NotIdempotent(JournalEntry entry) => entry.Query.Contains("run=true", StringComparison.OrdinalIgnoreCase);
        foreach (var entry in journal)
        {
            var id = entry.Path.Substring(entry.Path.LastIndexOf('/') + 1);
            var run = entry.Query.Contains("run=true", StringComparison.OrdinalIgnoreCase);
            if (Applied(entry))
            {
                applications[id] = applications.GetValueOrDefault(id) + 1;
                if (run) runApplications[id] = runApplications.GetValueOrDefault(id) + 1;
            }

            if (entry.Outcome == JournalOutcomes.DroppedAfterProcessing && !run) idempotentResentAfterDrop++;
        }

        int Runs(string id) => (int)states[id]["runs"]!;
        var doubleApplied = updates.Count(u => u.Run && (Runs(u.Id) > 1 || runApplications.GetValueOrDefault(u.Id) > 1));
        Report(output, ReportLine("NERM", tally, doubleApplied, connection.Client.Retries));
        output.WriteLine("NERM run " + runTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s; errors: " + tally.ErrorSummary() + "; journal: " + JournalSummary(journal, NotIdempotent));

        AssertEveryInputHasOneOutcome(tally);
        Assert.Equal(0, doubleApplied);
        AssertAllFaultsInjected(host);

        var violations = new List<string>();
        foreach (var update in updates)
        {
            var state = states[update.Id];
            var applied = (int)state["appliedChanges"]!;
            var desired = (string?)state["status"] == update.Status;
            var where = "session " + update.Id + (update.Run ? " (run)" : string.Empty);
            CheckItem(violations, where, tally.Single(update.Id)!, update.IsIdempotent, applied, applications.GetValueOrDefault(update.Id), desired);
            if (Runs(update.Id) != (update.Run ? applied : 0))
            {
                violations.Add(where + ": runs " + Runs(update.Id) + " after " + applied + " applied changes");
            }
        }

        AssertNoViolations(violations, "NERM items whose outcome and the server's state disagree");
        Assert.True(idempotentResentAfterDrop > 0, "no status-only update lost its answer after processing");
        Assert.Contains(tally.Singles, s => s.Outcome.Failure == ApiFailure.Timeout);

        // The pinned cases. A run whose answer was lost (after or before processing) is reported unknown, never re-sent.
        var sent = journal.GroupBy(e => e.Path.Substring(e.Path.LastIndexOf('/') + 1)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string Id(int n) => NermSeedData.GeneratedId(n);
        Assert.Equal(ApiFailure.OutcomeUnknown, tally.Single(Id(100))!.Failure);
        Assert.Equal((1, 1), (sent[Id(100)], Runs(Id(100))));
        Assert.Equal(ApiFailure.OutcomeUnknown, tally.Single(Id(500))!.Failure);
        Assert.Equal((1, 0), (sent[Id(500)], Runs(Id(500))));
        // A run the server answered 500 is reported as failed and not re-sent; 503 and 429 say "not applied": re-sent.
        Assert.Equal(ApiFailure.ServerError, tally.Single(Id(400))!.Failure);
        Assert.Equal((1, 0), (sent[Id(400)], Runs(Id(400))));
        Assert.True(sent[Id(200)] >= 2 && Runs(Id(200)) <= 1, "the run of session 200 after a 503");
        Assert.True(sent[Id(300)] >= 2 && Runs(Id(300)) <= 1, "the run of session 300 after a 429");
        // Status-only updates are re-sent after a lost answer and after a 502.
        Assert.True(sent[Id(101)] >= 2 && (string?)states[Id(101)]["status"] == updates[100].Status, "session 101 after a lost answer");
        Assert.True(sent[Id(401)] >= 2, "session 401 after a 502");
    }

    /// <summary>
    /// EditProvisioningPolicyCommand's way, one edit after the other: PlanAsync, then ApplyAsync. 1,000 policies, each
    /// edited twice: a replace of /description (idempotent) and an unguarded add of a uniquely named field to /fields/-
    /// (not idempotent). The client-side 100/10 s limiter and the emulator's are both off.
    /// </summary>
    [Fact]
    public async Task Isc_2000_policy_edits_under_faults_each_end_with_one_outcome_and_no_field_added_twice()
    {
        var watch = Stopwatch.StartNew();
        var options = new EmulatorOptions();
        options.Isc.RateLimitRequests = 0;
        await using var host = await EmulatorHost.StartAsync(options);
        var sources = Enumerable.Range(0, Items / 2).Select(i => "fa" + i.ToString("x30", CultureInfo.InvariantCulture)).ToList(); // 32 hex characters, as ISC source ids are
        await SeedIscPoliciesAsync(host, sources);
        AddFaults(host, "isc", "PATCH", IscChangePath,
        [
            Status(429, every: 400, count: 2, retryAfterSeconds: 1),
            Status(503, every: 41, count: 10),
            Status(500, every: 37, count: 10),
            Status(502, every: 43, count: 10),
            Drop(FaultMode.DropBeforeProcessing, every: 53, count: 8),
            Drop(FaultMode.DropAfterProcessing, every: 31, count: 12),
            Slow(200, every: 97, count: 5),
            Slow(500, every: 199, count: 2),
            Slow(TimeoutLatencyMs, every: 499, count: 1),
        ]);

        var edits = new List<(string Key, string SourceId, bool Add, PolicyEdit Edit)>(Items);
        foreach (var source in sources)
        {
            edits.Add((source + "/description", source, false, IscEdit(source, "replace", "/description", DesiredDescription(source))));
            edits.Add((source + "/field", source, true, IscEdit(source, "add", "/fields/-", new Hashtable { ["name"] = FieldName(source), ["type"] = "string", ["isRequired"] = false, ["isMultiValued"] = false })));
        }

        var tally = new OutcomeTally(edits.Select(e => e.Key));
        var idempotentEdit = new Dictionary<string, bool>(StringComparer.Ordinal);
        using var connection = new IscConnection(host.BaseUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), ClientOptions(), requestsPerWindow: 0);
        var client = new ProvisioningPolicyClient(connection);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var (key, _, _, edit) in edits)
        {
            try
            {
                var plan = await client.PlanAsync(edit, limit.Token);
                idempotentEdit[key] = plan.Patch.IsIdempotent;
                var outcome = await client.ApplyAsync(plan, limit.Token);
                var updated = outcome.Failure == null && outcome.Result.Status == PolicyEditStatus.Updated;
                tally.Record(key, updated ? ItemOutcome.Success() : ItemOutcome.Error(outcome.Failure, outcome.Reason ?? outcome.Result.Reason));
            }
            catch (ApiException ex) when (!ex.IsTerminating)
            {
                tally.Record(key, ItemOutcome.Error(ex.Failure, ex.Message)); // the cmdlet writes it as the item's error
            }
            catch (Exception ex)
            {
                tally.Crash(ex);
            }
        }

        var runTime = watch.Elapsed;
        var states = await ReadStatesAsync(host, sources, s => "_emulator/isc/policies/" + s + "/" + IscUsageType);
        var journal = host.Journal.Entries("isc").Where(e => e.Method == "PATCH").ToList();
        var fieldApplications = new Dictionary<string, int>(StringComparer.Ordinal);
        var descriptionApplications = new Dictionary<string, int>(StringComparer.Ordinal);
        var idempotentResentAfterDrop = 0;
        static bool NotIdempotent(JournalEntry entry) => entry.Body.Contains("\"op\":\"add\"", StringComparison.Ordinal);
        foreach (var entry in journal)
        {
            var source = entry.Path.Split('/')[3];
            var op = (string)JsonNode.Parse(entry.Body)!.AsArray()[0]!["op"]!;
            if (Applied(entry))
            {
                var counts = op == "add" ? fieldApplications : descriptionApplications;
                counts[source] = counts.GetValueOrDefault(source) + 1;
            }

            if (entry.Outcome == JournalOutcomes.DroppedAfterProcessing && op == "replace") idempotentResentAfterDrop++;
        }

        int FieldCount(string source) => states[source]["fields"]!.AsArray().Count(f => (string?)f!["name"] == FieldName(source));
        var doubleApplied = sources.Count(s => FieldCount(s) > 1 || fieldApplications.GetValueOrDefault(s) > 1);
        Report(output, ReportLine("ISC", tally, doubleApplied, connection.Client.Retries));
        output.WriteLine("ISC run " + runTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s; errors: " + tally.ErrorSummary() + "; journal: " + JournalSummary(journal, NotIdempotent));

        AssertEveryInputHasOneOutcome(tally);
        Assert.Equal(0, doubleApplied);
        AssertAllFaultsInjected(host);

        var violations = new List<string>();
        foreach (var (key, source, add, _) in edits)
        {
            var state = states[source];
            if (add)
            {
                var count = FieldCount(source);
                CheckItem(violations, "field of " + source, tally.Single(key)!, idempotentEdit.GetValueOrDefault(key), count, fieldApplications.GetValueOrDefault(source), count >= 1);
            }
            else
            {
                // A replace leaves no counter: applied at least once shows as the desired description.
                var isDesired = (string?)state["description"] == DesiredDescription(source);
                var applied = descriptionApplications.GetValueOrDefault(source);
                if (!isDesired && (string?)state["description"] != IscSeedDescription)
                {
                    violations.Add("description of " + source + " is neither the seeded nor the desired one: " + state["description"]);
                }

                CheckItem(violations, "description of " + source, tally.Single(key)!, idempotentEdit.GetValueOrDefault(key), isDesired ? Math.Max(applied, 1) : 0, applied, isDesired);
            }
        }

        AssertNoViolations(violations, "ISC edits whose outcome and the server's state disagree");
        Assert.True(idempotentResentAfterDrop > 0, "no description replace lost its answer after processing");
        Assert.Contains(tally.Singles, s => s.Outcome.Failure == ApiFailure.OutcomeUnknown);
        Assert.Contains(tally.Singles, s => s.Outcome.Failure == ApiFailure.Timeout);
    }

    /// <summary>
    /// What an item's outcome promises about the server, checked against its state (<paramref name="applied"/>: how
    /// many times the change shows there) and the journal (<paramref name="journaled"/>: requests that carried it
    /// and were processed).
    /// </summary>
    private static void CheckItem(List<string> violations, string where, ItemOutcome outcome, bool idempotentRequest, int applied, int journaled, bool desired)
    {
        // The state counts exactly the processed requests. A timed-out request may be processed after the client gave
        // up, and then the journal records it as a client disconnect: only there may they differ.
        if (applied != journaled && outcome.Failure != ApiFailure.Timeout)
        {
            violations.Add(where + ": applied " + applied + " times, but the journal shows " + journaled + " processed requests");
        }

        if (journaled >= 1 && !desired)
        {
            violations.Add(where + ": processed, yet the final state is not the desired one");
        }

        if (outcome.Succeeded)
        {
            if (!desired || applied < 1) violations.Add(where + ": reported a success the server's state does not show");
            return;
        }

        if (outcome.Failure == ApiFailure.OutcomeUnknown && !MessageSaysUnknown(outcome))
        {
            violations.Add(where + ": OutcomeUnknown, but the message does not say so: " + outcome.Message);
        }

        if (!idempotentRequest && !outcome.OutcomeOpen && applied != 0)
        {
            violations.Add(where + ": failed with " + outcome.Failure + " (" + outcome.Message + ") but was applied " + applied + " times");
        }

        if (!idempotentRequest && outcome.Failure == ApiFailure.Unreachable)
        {
            violations.Add(where + ": a change that is not idempotent lost its connection and was reported Unreachable, not OutcomeUnknown");
        }
    }

    private static void AssertEveryInputHasOneOutcome(OutcomeTally tally)
    {
        Assert.True(tally.Crashes.Count == 0, "the run crashed: " + string.Join("\n", tally.Crashes));
        Assert.True(tally.Unexpected.Count == 0, "outcomes for inputs never sent: " + string.Join(", ", tally.Unexpected.Take(10)));
        Assert.Equal(0, tally.Lost);
        Assert.Equal(0, tally.Duplicated);
        Assert.Equal(tally.Inputs, tally.Complete);
    }

    /// <summary>Tasks 100000…101999; every fourth is Rejected (the ones a retry is for). See the OIG test for the batch layout.</summary>
    private static List<ProvTaskUpdate> OigInputs()
    {
        var ids = Enumerable.Range(0, Items).Select(i => (Index: i, Id: (OigSeedData.FirstGeneratedId + i).ToString(CultureInfo.InvariantCulture))).ToList();
        var rejected = new Queue<string>(ids.Where(t => t.Index % 4 == 0).Select(t => t.Id));
        var others = new Queue<(int Index, string Id)>(ids.Where(t => t.Index % 4 != 0));
        ProvTaskUpdate Reassign()
        {
            var (index, id) = others.Dequeue();
            return ProvTaskUpdate.From(new ProvTaskInput { TaskId = id, Assignee = OigAssignees[index % OigAssignees.Length] });
        }

        var updates = new List<ProvTaskUpdate>(Items);
        for (var batch = 0; batch < Items / 100; batch++)
        {
            for (var i = 0; i < 100; i++)
            {
                updates.Add(batch % 2 == 1 && i % 2 == 0 ? ProvTaskUpdate.Create(rejected.Dequeue(), ProvTaskAction.Retry) : Reassign());
            }
        }

        Assert.Empty(rejected);
        Assert.Empty(others);
        return updates;
    }

    /// <summary>Session n gets the status after its seeded one; every fourth also runs.</summary>
    private static WorkflowSessionUpdate NermInput(int n) =>
        WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = NermSeedData.GeneratedId(n), Status = NermStatuses[(n + 1) % NermStatuses.Length], Run = n % 4 == 0 });

    private static string NermSessionPath(int n) => NermChangePath + "/" + NermSeedData.GeneratedId(n);

    private static PolicyEdit IscEdit(string source, string op, string path, object value) =>
        PolicyEdit.WithOperations(source, IscUsageType, false, [new Hashtable { ["op"] = op, ["path"] = path, ["value"] = value }]);

    private static string DesiredDescription(string source) => "edited by the fault suite: " + source;

    private static string FieldName(string source) => "faultField_" + source;

    private static async Task SeedIscPoliciesAsync(EmulatorHost host, IEnumerable<string> sources)
    {
        using var http = new System.Net.Http.HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (source, ct) =>
        {
            var policy = new JsonObject
            {
                ["name"] = "Fault suite " + source,
                ["description"] = IscSeedDescription,
                ["usageType"] = IscUsageType,
                ["fields"] = new JsonArray(new JsonObject { ["name"] = "userName", ["transform"] = new JsonObject(), ["attributes"] = new JsonObject(), ["isRequired"] = true, ["type"] = "string", ["isMultiValued"] = false }),
            };
            using var content = new System.Net.Http.StringContent(policy.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PutAsync("_emulator/isc/policies/" + source + "/" + IscUsageType, content, ct);
            Assert.Equal(204, (int)response.StatusCode);
        });
    }
}
