using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Xunit;
using static GovernanceModule.Core.Tests.Emulator.EmulatorTestClient;

namespace GovernanceModule.Core.Tests.Emulator;

/// <summary>
/// The OIG part of the emulator over real HTTP, rule by rule against docs/api-contracts.md, plus the shared
/// journal, fault injection, options and reset. Each test gets its own emulator.
/// </summary>
public sealed class OigEmulatorTests : IAsyncLifetime
{
    private const string NotAutomated = "This task is not automated. If task is completed, set status to UC.";

    private EmulatorTestClient emulator = null!;

    public async Task InitializeAsync() => emulator = await StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    // ---- host -------------------------------------------------------------------------------

    [Fact]
    public void Host_ReportsTheBoundPortAndTheOigBase()
    {
        Assert.Equal("127.0.0.1", emulator.Host.BaseUri.Host);
        Assert.NotEqual(0, emulator.Host.BaseUri.Port);
        Assert.EndsWith("/", emulator.Host.BaseUri.ToString());
        Assert.Equal(new Uri(emulator.Host.BaseUri, "iam/governance/selfservice/api/v1/"), emulator.Host.OigBaseUri);
    }

    // ---- authentication first, 401 with a Basic challenge -------------------------

    [Fact]
    public async Task Put_WithoutCredentials_Gets401WithBasicChallenge()
    {
        using var response = await emulator.Http.SendAsync(OigRequest(HttpMethod.Put, "provtasks/6", """{"action":"retry"}""", withAuth: false));

        Assert.Equal(401, (int)response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Matches("^realm=\".+\"$", challenge.Parameter);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    [Theory]
    [InlineData(DemoUser, "wrong-password")]
    [InlineData("nobody", DemoPassword)]
    [InlineData("XELSYSADM", "demo-passw0rd!")]
    public async Task Get_WithBadCredentials_Gets401(string user, string password)
    {
        using var response = await emulator.GetAsync("provtasks", Basic(user, password));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Login_IsCaseInsensitive()
    {
        using var response = await emulator.GetAsync("provtasks/6", Basic("XELSYSADM", DemoPassword));

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "provtasks/999999", "{not json")]
    [InlineData("PUT", "provtasks", "[1,2")]
    [InlineData("GET", "provtasks/999999", null)]
    [InlineData("GET", "no/such/route", null)]
    [InlineData("DELETE", "provtasks/6", null)]
    public async Task Authentication_IsCheckedBeforeIdBodyHeaderAndRoute(string method, string path, string? body)
    {
        using var request = OigRequest(new HttpMethod(method), path, body, Basic(DemoUser, "bad"), requestedBy: false);

        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
    }

    // ---- a read-only user gets 403 on every PUT ----------------------------------------

    [Fact]
    public async Task Auditor_CanRead_ButEveryPutIs403AndChangesNothing()
    {
        var auditor = Basic(EmulatorOptions.OigAuditorUserName, EmulatorOptions.OigAuditorPassword);

        using var read = await emulator.GetAsync("provtasks/6", auditor);
        using var single = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""", auditor);
        using var bulk = await emulator.PutAsync("provtasks", """{"tasks":[{"id":"6","action":"retry","taskId":"6"}]}""", auditor);
        using var unknown = await emulator.PutAsync("provtasks/999999", """{"action":"retry"}""", auditor);

        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal(403, (int)single.StatusCode);
        Assert.Equal(403, (int)bulk.StatusCode);
        Assert.Equal(403, (int)unknown.StatusCode);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    // ---- X-Requested-By on PUT ---------------------------------------------------------

    [Fact]
    public async Task Put_WithoutRequestedBy_Gets400AndChangesNothing()
    {
        using var single = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""", requestedBy: false);
        using var bulk = await emulator.PutAsync("provtasks", """{"tasks":[{"id":"6","action":"retry"}]}""", requestedBy: false);
        using var read = await emulator.GetAsync("provtasks/6");

        Assert.Equal(400, (int)single.StatusCode);
        Assert.Equal(400, (int)bulk.StatusCode);
        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task Put_WithoutRequestedBy_IsAccepted_WhenTheCheckIsSwitchedOff()
    {
        emulator.Host.Options.OigRequireRequestedBy = false;

        using var response = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""", requestedBy: false);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task Put_WithANonJsonContentType_Gets415()
    {
        using var request = OigRequest(HttpMethod.Put, "provtasks/6", """{"action":"retry"}""", contentType: "text/plain");

        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(415, (int)response.StatusCode);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    // ---- single-task PUT -----------------------------------------------------------

    [Fact]
    public async Task Put_UnknownTask_Gets404WithTheContractBody()
    {
        using var response = await emulator.PutAsync("provtasks/999999", """{"action":"retry"}""");

        await emulator.AssertAnswerAsync(response, 404, """{"id":"999999","status":"FAIL","reason":"Requested entity not found"}""");
    }

    [Fact]
    public async Task Reassign_Task6_AnswersTheContractExampleByteForByte_WithTheDoubleSlash()
    {
        emulator.Host.Options.PublicBaseUrl = "https://pseudo.com";

        using var response = await emulator.PutAsync("provtasks/6",
            """{"action":"reassign","fields":[{"name":"type","value":"user"},{"name":"assignee","value":"1"}]}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/6"},{"rel":"assignee","href":"https://pseudo.com/iam/governance/selfservice/api/v1//users/1"}],"id":"6","status":"SUCCESS"}""",
            await response.Content.ReadAsStringAsync());
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Reassign_SetsTheAssignee_AndLinksIt_InEitherFieldOrder()
    {
        using var response = await emulator.PutAsync("provtasks/3009",
            """{"action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/3009"},{"rel":"assignee","href":"https://pseudo.com/iam/governance/selfservice/api/v1//users/23"}],"id":"3009","status":"SUCCESS"}""");
        var state = await emulator.TaskStateAsync("3009");
        Assert.Equal("23", (string?)state["assigneeKey"]);
        Assert.Equal(1, (int)state["appliedChanges"]!);
    }

    [Fact]
    public async Task Reassign_WithoutTheAssigneeLink_MatchesThe3009Example()
    {
        emulator.Host.Options.OigAssigneeLink = false;

        using var response = await emulator.PutAsync("provtasks/3009",
            """{"action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/3009"}],"id":"3009","status":"SUCCESS"}""");
    }

    [Fact]
    public async Task SetNote_StoresTheNote_AndGetReflectsIt()
    {
        using var response = await emulator.PutAsync("provtasks/6",
            """{"action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":"Updated value of Note-NB"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/6"}],"id":"6","status":"SUCCESS"}""");
        Assert.Equal("Updated value of Note-NB", await FieldAsync("6", "Process Instance.Task Details.Note"));
        Assert.Equal(1, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task SetResponse_StoresTheResponse_AndGetReflectsIt()
    {
        using var response = await emulator.PutAsync("provtasks/6",
            """{"action":"setResponse","fields":[{"name":"Process Definition.Tasks.Responses.Response","value":"VALIDATION_FAILED"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/6"}],"id":"6","status":"SUCCESS"}""");
        Assert.Equal("VALIDATION_FAILED", await FieldAsync("6", "Process Definition.Tasks.Responses.Response"));
    }

    [Fact]
    public async Task Retry_OnAnAutomatedRejectedTask_Succeeds_AndCompletesIt()
    {
        Assert.Equal("Rejected", await FieldAsync("1006", "Process Instance.Task Details.Status"));

        using var response = await emulator.PutAsync("provtasks/1006", """{"action":"retry"}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/1006"}],"id":"1006","status":"SUCCESS"}""");
        Assert.Equal("Completed", await FieldAsync("1006", "Process Instance.Task Details.Status"));
        Assert.Equal("Completed", await FieldAsync("1006", "Status.Category"));
        Assert.Equal(1, await emulator.AppliedChangesAsync("1006"));
    }

    [Fact]
    public async Task Retry_OnAManualTask_Answers200Fail_WithTheExactReason_AndChangesNothing()
    {
        using var response = await emulator.PutAsync("provtasks/30", """{"action":"retry"}""");

        await emulator.AssertAnswerAsync(response, 200,
            $$"""{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/30"}],"id":"30","status":"FAIL","reason":"{{NotAutomated}}"}""");
        Assert.Equal(0, await emulator.AppliedChangesAsync("30"));
    }

    [Fact]
    public async Task OlderForm_WithoutAction_UpdatesTheAttributes_AndAnswersOkWithTheAssigneeName()
    {
        using var response = await emulator.PutAsync("provtasks/5126",
            """{"id":"5126","requestId":"10001","fields":[{"name":"Process Instance.Task Details.Note","value":"Updated value of Note-Sonia4"},{"name":"Process Instance.Task Details.Projected End","value":"2016-02-21"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"http://pseudo.com/iam/governance/selfservice/api/v1/provtasks/5126"}],"id":"5126","status":"OK","assignee":"System Administrator"}""");
        Assert.Equal("Updated value of Note-Sonia4", await FieldAsync("5126", "Process Instance.Task Details.Note"));
        Assert.Equal("2016-02-21", await FieldAsync("5126", "Process Instance.Task Details.Projected End"));
        Assert.Equal(1, await emulator.AppliedChangesAsync("5126"));
    }

    [Theory]
    [InlineData("""{"action":"approve"}""")]
    [InlineData("""{"action":"Retry"}""")]
    [InlineData("""{"action":"reassign","fields":[{"name":"type","value":"user"}]}""")]
    [InlineData("""{"action":"reassign","fields":[{"name":"assignee","value":"23"}]}""")]
    [InlineData("""{"action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"group"}]}""")]
    [InlineData("""{"action":"setNote","fields":{"name":"Process Instance.Task Details.Note","value":"x"}}""")]
    [InlineData("""{"action":"setNote","fields":[]}""")]
    [InlineData("""{"action":"setResponse","fields":[{"name":"Process Instance.Task Details.Note","value":"x"}]}""")]
    [InlineData("""{"action":"setNote","fields":[{"value":"no name"}]}""")]
    [InlineData("""{"action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":{"nested":1}}]}""")]
    [InlineData("""{"fields":[{"name":"No Such Attribute","value":"x"}]}""")]
    [InlineData("""{"fields":[{"name":"Process Definition.Tasks.Key","value":"1"}]}""")]
    [InlineData("""{"fields":[{"name":"Process Instance.Task Details.Projected End","value":"21/02/2016"}]}""")]
    [InlineData("""{"id":"6"}""")]
    [InlineData("""{"action":"retry",""")]
    [InlineData("""["retry"]""")]
    [InlineData("")]
    public async Task InvalidInput_Gets400_AndChangesNothing(string body)
    {
        using var response = await emulator.PutAsync("provtasks/6", body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task InvalidInput_Gets500_WhenSwitched()
    {
        emulator.Host.Options.OigInvalidInputStatus = 500;

        using var single = await emulator.PutAsync("provtasks/6", """{"action":"approve"}""");
        using var bulk = await emulator.PutAsync("provtasks", """{"task":[]}""");

        Assert.Equal(500, (int)single.StatusCode);
        Assert.Equal(500, (int)bulk.StatusCode);
    }

    [Fact]
    public async Task EveryOk_CarriesAResponseTimeHeader_InMilliseconds()
    {
        using var list = await emulator.GetAsync("provtasks");
        using var single = await emulator.GetAsync("provtasks/6");
        using var put = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""");
        using var bulk = await emulator.PutAsync("provtasks", """{"tasks":[]}""");
        using var notFound = await emulator.GetAsync("provtasks/999999");

        foreach (var response in new[] { list, single, put, bulk })
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.True(long.TryParse(Assert.Single(response.Headers.GetValues("ResponseTime")), out var ms) && ms >= 0);
        }
        Assert.False(notFound.Headers.Contains("ResponseTime"));
    }

    // ---- bulk PUT -----------------------------------------------------------------

    [Fact]
    public async Task BulkReassign_AnswersTheContractExample_InReverseOrder()
    {
        using var response = await emulator.PutAsync("provtasks",
            """{"tasks":[{"id":"3016","requestId":"10001","action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]},{"id":"3018","requestId":"10002","action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks"}],"tasks":[{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/3018"}],"id":"3018","status":"SUCCESS","requestId":"10002","action":"reassign"},{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/3016"}],"id":"3016","status":"SUCCESS","requestId":"10001","action":"reassign"}]}""");
        Assert.Equal("23", (string?)(await emulator.TaskStateAsync("3016"))["assigneeKey"]);
        Assert.Equal("23", (string?)(await emulator.TaskStateAsync("3018"))["assigneeKey"]);
    }

    [Fact]
    public async Task BulkRetry_OfManualTasks_AnswersTheContractFailExample()
    {
        using var response = await emulator.PutAsync("provtasks",
            """{"tasks":[{"id":"31","action":"retry","taskId":"31"},{"id":"30","action":"retry","taskId":"30"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks"}],"tasks":[{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/30"}],"id":"30","status":"FAIL","action":"retry","reason":"This task is not automated. If task is completed, set status to UC."},{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/31"}],"id":"31","status":"FAIL","action":"retry","reason":"This task is not automated. If task is completed, set status to UC."}]}""");
    }

    [Fact]
    public async Task BulkRetry_KeepsInputOrder_WhenSwitched_AndMatchesTheSuccessExample()
    {
        emulator.Host.Options.OigReverseBulkOrder = false;

        using var response = await emulator.PutAsync("provtasks",
            """{"tasks":[{"id":"1006","action":"retry","taskId":"1006"},{"id":"1008","action":"retry","taskId":"1008"}]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks"}],"tasks":[{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/1006"}],"id":"1006","status":"SUCCESS","action":"retry"},{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks/1008"}],"id":"1008","status":"SUCCESS","action":"retry"}]}""");
    }

    [Fact]
    public async Task Bulk_MixedEntries_EachSucceedsOrFailsOnItsOwn()
    {
        using var response = await emulator.PutAsync("provtasks", """
            {"tasks":[
              {"id":"3016","requestId":"r1","action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":"bulk note"}]},
              {"id":"424242","requestId":"r2","action":"retry"},
              {"id":"3018","action":"approve"},
              {"id":"6","action":"reassign","fields":[{"name":"type","value":"user"}]},
              {"id":"30","action":"retry","taskId":"30"},
              {"id":"1008","action":"retry","taskId":"1008"}
            ]}
            """);

        Assert.Equal(200, (int)response.StatusCode);
        var tasks = (await ReadJsonAsync(response))!["tasks"]!.AsArray();
        Assert.Equal(["1008", "30", "6", "3018", "424242", "3016"], tasks.Select(t => (string)t!["id"]!).ToArray());
        Assert.Equal(["SUCCESS", "FAIL", "FAIL", "FAIL", "FAIL", "SUCCESS"], tasks.Select(t => (string)t!["status"]!).ToArray());
        foreach (var task in tasks)
        {
            var failed = (string)task!["status"]! == "FAIL";
            Assert.Equal(failed, task["reason"] is not null);
            Assert.Equal($"{emulator.OigBase}/provtasks/{task["id"]}", (string?)task["links"]![0]!["href"]);
        }
        Assert.Equal("r2", (string?)tasks[4]!["requestId"]);
        Assert.Equal("Requested entity not found", (string?)tasks[4]!["reason"]);
        Assert.Equal("approve", (string?)tasks[3]!["action"]);
        Assert.Null(tasks[3]!["requestId"]);
        Assert.Equal(NotAutomated, (string?)tasks[1]!["reason"]);

        Assert.Equal(1, await emulator.AppliedChangesAsync("3016"));
        Assert.Equal("bulk note", await FieldAsync("3016", "Process Instance.Task Details.Note"));
        Assert.Equal(1, await emulator.AppliedChangesAsync("1008"));
        Assert.Equal(0, await emulator.AppliedChangesAsync("3018"));
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
        Assert.Equal(0, await emulator.AppliedChangesAsync("30"));
    }

    [Fact]
    public async Task Bulk_KeysOnId_FallsBackToTaskId_AndIgnoresTaskIdOtherwise()
    {
        using var response = await emulator.PutAsync("provtasks",
            """{"tasks":[{"taskId":"1006","action":"retry"},{"id":"1008","taskId":"1006","action":"retry"},{"action":"retry"}]}""");

        Assert.Equal(200, (int)response.StatusCode);
        var tasks = (await ReadJsonAsync(response))!["tasks"]!.AsArray();
        Assert.Equal(["", "1008", "1006"], tasks.Select(t => (string)t!["id"]!).ToArray());
        Assert.Equal(["FAIL", "SUCCESS", "SUCCESS"], tasks.Select(t => (string)t!["status"]!).ToArray());
        Assert.Equal(1, await emulator.AppliedChangesAsync("1006"));
        Assert.Equal(1, await emulator.AppliedChangesAsync("1008"));
    }

    [Fact]
    public async Task Bulk_EmptyTasks_Answers200WithAnEmptyList()
    {
        using var response = await emulator.PutAsync("provtasks", """{"tasks":[]}""");

        await emulator.AssertAnswerAsync(response, 200,
            """{"links":[{"rel":"self","href":"https://pseudo.com/iam/governance/selfservice/api/v1/provtasks"}],"tasks":[]}""");
    }

    [Theory]
    [InlineData("""[{"id":"6","action":"retry"}]""")]
    [InlineData("""{"id":"6","action":"retry"}""")]
    [InlineData("""{"tasks":{"id":"6","action":"retry"}}""")]
    [InlineData("""{"tasks":[{"id":"6","action":"retry"},"7"]}""")]
    [InlineData("""{"tasks":[""")]
    [InlineData("")]
    public async Task Bulk_MalformedBody_Gets400_AndChangesNothing(string body)
    {
        using var response = await emulator.PutAsync("provtasks", body);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task Bulk_OfThousandsOfTasks_AndConcurrentRequests_ApplyEachChangeExactlyOnce()
    {
        await using var big = await StartAsync(new EmulatorOptions { OigGeneratedTasks = 20_000 });
        var ids = Enumerable.Range(100_000, 20_000).Select(i => i.ToString()).ToArray();
        string Batch(IEnumerable<string> batch) =>
            "{\"tasks\":[" + string.Join(",", batch.Select(id =>
                $$"""{"id":"{{id}}","action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":"n{{id}}"}]}""")) + "]}";

        var responses = await Task.WhenAll(ids.Chunk(2_500).Select(chunk => big.PutAsync("provtasks", Batch(chunk))));

        var results = new List<JsonNode>();
        foreach (var response in responses)
        {
            Assert.Equal(200, (int)response.StatusCode);
            results.AddRange((await ReadJsonAsync(response))!["tasks"]!.AsArray()!);
            response.Dispose();
        }
        Assert.Equal(ids.Length, results.Count);
        Assert.All(results, r => Assert.Equal("SUCCESS", (string?)r["status"]));
        Assert.Equal(ids.OrderBy(x => x), results.Select(r => (string)r["id"]!).OrderBy(x => x));
        foreach (var id in new[] { "100000", "107777", "119999" })
        {
            var state = await big.TaskStateAsync(id);
            Assert.Equal(1, (int)state["appliedChanges"]!);
            Assert.Equal("n" + id, (string?)state["note"]);
        }
    }

    // ---- GET list ---------------------------------------------------------------------

    [Fact]
    public async Task List_Defaults_ToTheFirstTenOfTheUsersTasks_WithTheContractShape()
    {
        using var response = await emulator.GetAsync("provtasks");

        Assert.Equal(200, (int)response.StatusCode);
        var page = (await ReadJsonAsync(response))!;
        var b = emulator.OigBase;
        AssertJsonEqual(
            $$"""[{"rel":"self","href":"{{b}}/provtasks"},{"rel":"self","href":"{{b}}/provtasks?offset=1&limit=10"},{"rel":"first","href":"{{b}}/provtasks?offset=1&limit=10"}]""",
            page["links"]!.ToJsonString());
        Assert.Equal(10, (int)page["count"]!);
        Assert.True((bool)page["hasMore"]!);
        Assert.Equal(-1, (int)page["totalResult"]!);
        var tasks = page["tasks"]!.AsArray();
        Assert.Equal(["6", "30", "31", "1006", "1008", "3009", "3016", "3018", "5126", "100000"], tasks.Select(t => (string)t!["id"]!).ToArray());
        var first = tasks[0]!.AsObject();
        Assert.Equal(["links", "id", "fields"], first.Select(m => m.Key).ToArray());
        AssertJsonEqual($$"""[{"rel":"self","href":"{{b}}/provtasks/6"}]""", first["links"]!.ToJsonString());
        Assert.Contains(first["fields"]!.AsArray(), f => (string?)f!["name"] == "Process Definition.Tasks.Key");
    }

    [Fact]
    public async Task List_PagesWithOneBasedOffsetAndLimit_ThroughAllTasks()
    {
        var seen = new List<string>();
        var offset = 1;
        while (true)
        {
            using var response = await emulator.GetAsync($"provtasks?offset={offset}&limit=50");
            var page = (await ReadJsonAsync(response))!;
            var ids = page["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
            Assert.Equal(ids.Count, (int)page["count"]!);
            seen.AddRange(ids);
            Assert.Equal($"{emulator.OigBase}/provtasks?offset={offset}&limit=50", (string?)page["links"]![1]!["href"]);
            if (!(bool)page["hasMore"]!) break;
            offset += 50;
        }

        Assert.Equal(9 + 200, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        using var second = await emulator.GetAsync("provtasks?offset=2&limit=2");
        Assert.Equal(["30", "31"], (await ReadJsonAsync(second))!["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToArray());
    }

    [Fact]
    public async Task List_FiltersWithQ_LikeOraclesExamples()
    {
        using var rejected = await emulator.GetAsync("provtasks?q=Status.Category+eq+Rejected&limit=500");
        using var combined = await emulator.GetAsync("provtasks?q=" + Uri.EscapeDataString("Process::Instance.Task::Details.Status eq Rejected AND Objects.Name eq Payroll") + "&limit=500");
        using var planView = await emulator.GetAsync("provtasks?q=Objects.Name%20eq%20Plan::View&limit=500");

        var rejectedPage = (await ReadJsonAsync(rejected))!;
        var rejectedTasks = rejectedPage["tasks"]!.AsArray();
        Assert.Contains(rejectedTasks, t => (string?)t!["id"] == "1006");
        Assert.Contains(rejectedTasks, t => (string?)t!["id"] == "1008");
        Assert.Contains(rejectedTasks, t => (string?)t!["id"] == "100000");
        Assert.All(rejectedTasks, t => Assert.Equal("Rejected", Field(t!, "Status.Category")));
        Assert.Equal($"{emulator.OigBase}/provtasks?offset=1&limit=500&q=Status.Category%20eq%20Rejected", (string?)rejectedPage["links"]![1]!["href"]);

        var combinedTasks = (await ReadJsonAsync(combined))!["tasks"]!.AsArray();
        Assert.Contains(combinedTasks, t => (string?)t!["id"] == "1006");
        Assert.All(combinedTasks, t =>
        {
            Assert.Equal("Rejected", Field(t!, "Process Instance.Task Details.Status"));
            Assert.Equal("Payroll", Field(t!, "Objects.Name"));
        });
        Assert.True(combinedTasks.Count < rejectedTasks.Count);

        var planViewTasks = (await ReadJsonAsync(planView))!["tasks"]!.AsArray();
        Assert.Contains(planViewTasks, t => (string?)t!["id"] == "5126");
        Assert.All(planViewTasks, t => Assert.Equal("Plan View", Field(t!, "Objects.Name")));
    }

    [Theory]
    [InlineData("provtasks?q=Status.Category")]
    [InlineData("provtasks?q=Status.Category+ne+Rejected")]
    [InlineData("provtasks?offset=0")]
    [InlineData("provtasks?limit=-1")]
    [InlineData("provtasks?offset=abc")]
    public async Task List_WithAMalformedQueryParameter_Gets400(string path)
    {
        using var response = await emulator.GetAsync(path);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task List_ShowsOnlyTheAuthenticatedUsersTasks()
    {
        using var reassign = await emulator.PutAsync("provtasks/6",
            """{"action":"reassign","fields":[{"name":"assignee","value":"2"},{"name":"type","value":"user"}]}""");
        Assert.Equal(200, (int)reassign.StatusCode);

        using var mine = await emulator.GetAsync("provtasks?q=id+eq+6");
        using var auditors = await emulator.GetAsync("provtasks", Basic(EmulatorOptions.OigAuditorUserName, EmulatorOptions.OigAuditorPassword));

        Assert.Empty((await ReadJsonAsync(mine))!["tasks"]!.AsArray());
        var auditorTasks = (await ReadJsonAsync(auditors))!["tasks"]!.AsArray();
        Assert.Equal("6", (string?)Assert.Single(auditorTasks)!["id"]);
        Assert.Equal("AUDITOR", Field(auditorTasks[0]!, "Process Instance.Task Information.Assignee"));
    }

    // ---- GET single -------------------------------------------------------------------

    [Fact]
    public async Task GetTask_AnswersLinksIdFieldsAndFormFields_WithNumericKey()
    {
        using var response = await emulator.GetAsync("provtasks/1006");

        Assert.Equal(200, (int)response.StatusCode);
        var task = (await ReadJsonAsync(response))!.AsObject();
        Assert.Equal(["links", "id", "fields", "formFields"], task.Select(m => m.Key).ToArray());
        AssertJsonEqual($$"""[{"rel":"self","href":"{{emulator.OigBase}}/provtasks/1006"}]""", task["links"]!.ToJsonString());
        Assert.Equal("1006", (string?)task["id"]);
        Assert.Empty(task["formFields"]!.AsArray());
        var key = task["fields"]!.AsArray().Single(f => (string?)f!["name"] == "Process Definition.Tasks.Key")!["value"]!;
        Assert.Equal(JsonValueKind.Number, key.GetValueKind());
        Assert.Equal("Payroll", Field(task, "Objects.Name"));
        Assert.Equal("Rejected", Field(task, "Process Instance.Task Details.Status"));
        Assert.Equal("XELSYSADM", Field(task, "Process Instance.Task Information.Assignee"));
    }

    [Fact]
    public async Task GetTask_Unknown_Gets404()
    {
        using var response = await emulator.GetAsync("provtasks/424242");

        await emulator.AssertAnswerAsync(response, 404, """{"id":"424242","status":"FAIL","reason":"Requested entity not found"}""");
    }

    [Fact]
    public async Task GetTask_ReflectsEarlierPuts()
    {
        (await emulator.PutAsync("provtasks/3009", """{"action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}""")).Dispose();
        (await emulator.PutAsync("provtasks/3009", """{"action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":"n1"}]}""")).Dispose();
        (await emulator.PutAsync("provtasks/3009", """{"action":"setResponse","fields":[{"name":"Process Definition.Tasks.Responses.Response","value":"MANUAL_OK"}]}""")).Dispose();
        (await emulator.PutAsync("provtasks/3009", """{"action":"retry"}""")).Dispose();

        using var response = await emulator.GetAsync("provtasks/3009");
        var task = (await ReadJsonAsync(response))!;

        Assert.Equal("JDOE", Field(task, "Process Instance.Task Information.Assignee"));
        Assert.Equal("John", Field(task, "Process Instance.Task Information.Assignee First Name"));
        Assert.Equal("n1", Field(task, "Process Instance.Task Details.Note"));
        Assert.Equal("MANUAL_OK", Field(task, "Process Definition.Tasks.Responses.Response"));
        Assert.Equal("Completed", Field(task, "Process Instance.Task Details.Status"));
        Assert.Equal(4, await emulator.AppliedChangesAsync("3009"));
    }

    // ---- fault injection ---------------------------------------------------------------

    [Fact]
    public async Task Fault_RespondsWithStatusAndRetryAfter_ThenExhausts()
    {
        emulator.Host.Faults.Add(new FaultRule { Api = "oig", Status = 503, RetryAfterSeconds = 7, Count = 2 });

        using var first = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""");
        using var second = await emulator.GetAsync("provtasks/6");
        using var third = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""");

        Assert.Equal(503, (int)first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal(503, (int)second.StatusCode);
        Assert.Equal(200, (int)third.StatusCode);
        Assert.Empty(emulator.Host.Faults.Rules);
        Assert.Equal(1, await emulator.AppliedChangesAsync("6"));
        var outcomes = emulator.Host.Journal.Entries("oig").Select(e => (e.Status, e.Outcome)).ToArray();
        Assert.Equal([(503, "fault-responded"), (503, "fault-responded"), (200, "answered")], outcomes);
    }

    [Fact]
    public async Task Fault_IsAppliedBeforeAuthentication_AndOnlyToMatchingRequests()
    {
        emulator.Host.Faults.Add(new FaultRule { Method = "PUT", PathPrefix = "/iam/governance/selfservice/api/v1/provtasks", Status = 500, Count = -1 });

        using var unauthenticated = await emulator.Http.SendAsync(OigRequest(HttpMethod.Put, "provtasks/6", "{}", withAuth: false));
        using var get = await emulator.GetAsync("provtasks/6");
        using var put = await emulator.PutAsync("provtasks/6", """{"action":"retry"}""");

        Assert.Equal(500, (int)unauthenticated.StatusCode);
        Assert.Equal(200, (int)get.StatusCode);
        Assert.Equal(500, (int)put.StatusCode);
        Assert.Equal(-1, Assert.Single(emulator.Host.Faults.Rules).Count);
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task Fault_DropBeforeProcessing_FailsTheRequest_AndLeavesStateUntouched()
    {
        emulator.Host.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Mode = FaultMode.DropBeforeProcessing, Count = 1 });
        using var client = new HttpClient { BaseAddress = emulator.Host.BaseUri };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(OigRequest(HttpMethod.Put, "provtasks/1006", """{"action":"retry"}""")));

        Assert.Equal(0, await emulator.AppliedChangesAsync("1006"));
        Assert.Equal("Rejected", (string?)(await emulator.TaskStateAsync("1006"))["status"]);
        var entry = Assert.Single(emulator.Host.Journal.Entries("oig"));
        Assert.Equal((0, "dropped-before-processing"), (entry.Status, entry.Outcome));
    }

    [Fact]
    public async Task Fault_DropAfterProcessing_FailsTheRequest_ButAppliesTheChange()
    {
        emulator.Host.Faults.Add(new FaultRule { Api = "oig", Method = "PUT", Mode = FaultMode.DropAfterProcessing, Count = 1 });
        using var client = new HttpClient { BaseAddress = emulator.Host.BaseUri };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(OigRequest(HttpMethod.Put, "provtasks/1006", """{"action":"retry"}""")));

        Assert.Equal(1, await emulator.AppliedChangesAsync("1006"));
        Assert.Equal("Completed", (string?)(await emulator.TaskStateAsync("1006"))["status"]);
        var entry = Assert.Single(emulator.Host.Journal.Entries("oig"));
        Assert.Equal((0, "dropped-after-processing"), (entry.Status, entry.Outcome));
    }

    [Fact]
    public async Task Fault_LatencyOnly_DelaysButLetsTheRequestThrough()
    {
        emulator.Host.Faults.Add(new FaultRule { Api = "oig", LatencyMs = 400, Count = 1 });

        var watch = Stopwatch.StartNew();
        using var delayed = await emulator.GetAsync("provtasks/6");
        var delayedMs = watch.ElapsedMilliseconds;

        Assert.Equal(200, (int)delayed.StatusCode);
        Assert.True(delayedMs >= 380, $"took {delayedMs} ms");
        Assert.Empty(emulator.Host.Faults.Rules);
    }

    [Fact]
    public async Task Fault_Latency_IsCancelledWithTheRequest()
    {
        emulator.Host.Faults.Add(new FaultRule { Api = "oig", LatencyMs = 30_000, Count = 1 });
        // Long enough for the request to reach a busy server, far shorter than the fault's latency.
        using var client = new HttpClient { BaseAddress = emulator.Host.BaseUri, Timeout = TimeSpan.FromSeconds(2) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(OigRequest(HttpMethod.Put, "provtasks/6", """{"action":"retry"}""")));

        var entry = await WaitForJournalEntryAsync();
        Assert.Equal((0, "client-disconnected"), (entry.Status, entry.Outcome));
        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
    }

    [Fact]
    public async Task Faults_AreManagedOverHttp()
    {
        using var add = await emulator.Http.PostAsync("_emulator/faults", Json("""{"api":"oig","method":"GET","status":429,"retryAfterSeconds":3,"count":1,"mode":"respond"}"""));
        using var addDrop = await emulator.Http.PostAsync("_emulator/faults", Json("""{"api":"isc","mode":"drop-before"}"""));
        using var bad = await emulator.Http.PostAsync("_emulator/faults", Json("""{"mode":"explode"}"""));
        using var list = await emulator.Http.GetAsync("_emulator/faults");
        var rules = (await ReadJsonAsync(list))!.AsArray();
        using var faulted = await emulator.GetAsync("provtasks/6");
        using var clear = await emulator.Http.DeleteAsync("_emulator/faults");

        Assert.Equal(201, (int)add.StatusCode);
        Assert.Equal(201, (int)addDrop.StatusCode);
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal(2, rules.Count);
        Assert.Equal("respond", (string?)rules[0]!["mode"]);
        Assert.Equal("drop-before", (string?)rules[1]!["mode"]);
        Assert.Equal(-1, (int)rules[1]!["count"]!);
        Assert.Equal(429, (int)faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal(204, (int)clear.StatusCode);
        Assert.Empty(emulator.Host.Faults.Rules);
    }

    // ---- journal -----------------------------------------------------------------------

    [Fact]
    public async Task Journal_RecordsVendorRequests_WithAuthorizationRedacted()
    {
        (await emulator.PutAsync("provtasks/6", """{"action":"retry"}""")).Dispose();
        (await emulator.GetAsync("provtasks?limit=1")).Dispose();
        (await emulator.Http.GetAsync("_emulator/options")).Dispose();

        using var response = await emulator.Http.GetAsync("_emulator/journal?api=oig");
        var text = await response.Content.ReadAsStringAsync();
        var entries = JsonNode.Parse(text)!.AsArray();

        Assert.DoesNotContain(DemoPassword, text);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(DemoUser + ":" + DemoPassword)), text);
        Assert.Equal(2, entries.Count);
        var put = entries[0]!;
        Assert.Equal("oig", (string?)put["api"]);
        Assert.Equal("PUT", (string?)put["method"]);
        Assert.Equal("/iam/governance/selfservice/api/v1/provtasks/6", (string?)put["path"]);
        Assert.Equal("""{"action":"retry"}""", (string?)put["body"]);
        Assert.Equal("Basic ***", (string?)put["headers"]!["Authorization"]);
        Assert.Equal("xunit", (string?)put["headers"]!["X-Requested-By"]);
        Assert.Equal(200, (int)put["status"]!);
        Assert.Equal("answered", (string?)put["outcome"]);
        Assert.True((long)entries[1]!["sequence"]! > (long)put["sequence"]!);
        Assert.Equal("?limit=1", (string?)entries[1]!["query"]);
        Assert.Equal(2, emulator.Host.Journal.Count());
    }

    [Fact]
    public async Task Journal_ClassifiesByPath_KeepsAtMostTheCapacity_AndClears()
    {
        emulator.Host.Options.JournalCapacity = 3;
        foreach (var path in new[] { "/api/workflow_sessions", "/v3/sources", "/oauth/token?client_secret=s3cr3t&grant_type=x", "/elsewhere", "/" + OigPrefix + "provtasks/6" })
        {
            (await emulator.Http.GetAsync(path.TrimStart('/'))).Dispose();
        }

        var entries = emulator.Host.Journal.Entries();
        Assert.Equal(["isc", "other", "oig"], entries.Select(e => e.Api).ToArray());
        Assert.DoesNotContain("s3cr3t", entries[0].Query);
        Assert.Single(emulator.Host.Journal.Entries("oig"));

        using var clear = await emulator.Http.DeleteAsync("_emulator/journal");
        Assert.Equal(204, (int)clear.StatusCode);
        Assert.Empty(emulator.Host.Journal.Entries());
    }

    [Fact]
    public void Redaction_KeepsOnlyTheSchemeAndMasksFormSecrets()
    {
        Assert.Equal("Basic ***", JournalRedaction.RedactHeader("Authorization", "Basic eGVsc3lzYWRtOnNlY3JldA=="));
        Assert.Equal("Bearer ***", JournalRedaction.RedactHeader("authorization", "Bearer abc.def.ghi"));
        Assert.Equal("xunit", JournalRedaction.RedactHeader("X-Requested-By", "xunit"));
        Assert.Equal("grant_type=client_credentials&client_id=a&client_secret=***",
            JournalRedaction.RedactParameters("grant_type=client_credentials&client_id=a&client_secret=top"));
        var multipart = "--b\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\ntop\r\n--b--";
        Assert.DoesNotContain("top", JournalRedaction.RedactParameters(multipart));
    }

    // ---- reset, and the options surface ------------------------------------------------

    [Fact]
    public async Task Reset_ReseedsState_ClearsJournalAndFaults_ButKeepsOptions()
    {
        emulator.Host.Options.OigReverseBulkOrder = false;
        (await emulator.PutAsync("provtasks/6", """{"action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":"x"}]}""")).Dispose();
        emulator.Host.Faults.Add(new FaultRule { Api = "nerm", Status = 500 });

        emulator.Host.Reset();

        Assert.Equal(0, await emulator.AppliedChangesAsync("6"));
        Assert.Equal("", await FieldAsync("6", "Process Instance.Task Details.Note"));
        Assert.Empty(emulator.Host.Faults.Rules);
        Assert.Single(emulator.Host.Journal.Entries());   // the GET made by FieldAsync after the reset
        Assert.False(emulator.Host.Options.OigReverseBulkOrder);
    }

    [Fact]
    public async Task Reset_OverHttp_ReseedsState()
    {
        (await emulator.PutAsync("provtasks/1006", """{"action":"retry"}""")).Dispose();

        using var reset = await emulator.Http.PostAsync("_emulator/reset", null);

        Assert.Equal(204, (int)reset.StatusCode);
        Assert.Equal("Rejected", await FieldAsync("1006", "Process Instance.Task Details.Status"));
        Assert.Equal(0, await emulator.AppliedChangesAsync("1006"));
    }

    [Fact]
    public async Task Options_CanBeReadAndPatchedOverHttp()
    {
        using var read = await emulator.Http.GetAsync("_emulator/options");
        using var patch = await emulator.Http.PatchAsync("_emulator/options", Json("""{"oigReverseBulkOrder":false,"OigInvalidInputStatus":500}"""));
        using var unknown = await emulator.Http.PatchAsync("_emulator/options", Json("""{"noSuchOption":1}"""));
        using var invalid = await emulator.Http.PatchAsync("_emulator/options", Json("""{"oigInvalidInputStatus":200,"oigAssigneeLink":false}"""));

        var options = (await ReadJsonAsync(read))!;
        Assert.True((bool)options["oigReverseBulkOrder"]!);
        Assert.Equal(400, (int)options["oigInvalidInputStatus"]!);
        Assert.Equal(200, (int)options["oigGeneratedTasks"]!);
        Assert.Equal(200, (int)patch.StatusCode);
        Assert.False((bool)(await ReadJsonAsync(patch))!["oigReverseBulkOrder"]!);
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.Equal(400, (int)invalid.StatusCode);
        Assert.False(emulator.Host.Options.OigReverseBulkOrder);
        Assert.Equal(500, emulator.Host.Options.OigInvalidInputStatus);
        Assert.True(emulator.Host.Options.OigAssigneeLink);   // the rejected patch changed nothing
    }

    [Fact]
    public async Task GeneratedTasks_FollowTheOption_AtTheNextReset()
    {
        emulator.Host.Options.OigGeneratedTasks = 3;
        emulator.Host.Reset();

        using var last = await emulator.GetAsync("provtasks/100002");
        using var beyond = await emulator.GetAsync("provtasks/100003");

        Assert.Equal(200, (int)last.StatusCode);
        Assert.Equal(404, (int)beyond.StatusCode);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private async Task<string?> FieldAsync(string taskId, string name)
    {
        using var response = await emulator.GetAsync("provtasks/" + taskId);
        Assert.Equal(200, (int)response.StatusCode);
        return Field((await ReadJsonAsync(response))!, name);
    }

    private static string? Field(JsonNode task, string name) =>
        task["fields"]!.AsArray().Single(f => (string?)f!["name"] == name)!["value"]!.ToString();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Up to 20 s: on a loaded machine the server can take seconds to see a dropped connection.</summary>
    private async Task<JournalEntry> WaitForJournalEntryAsync()
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var entries = emulator.Host.Journal.Entries("oig");
            if (entries.Count > 0) return entries[0];
            await Task.Delay(50);
        }
        throw new TimeoutException("No journal entry was recorded.");
    }
}
