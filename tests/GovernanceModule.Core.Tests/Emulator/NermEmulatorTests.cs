using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Nerm;
using Xunit;
using static GovernanceModule.Core.Tests.Emulator.EmulatorTestClient;

namespace GovernanceModule.Core.Tests.Emulator;

/// <summary>
/// The NERM part of the emulator over real HTTP, rule by rule against docs/api-contracts.md.
/// Nothing from GovernanceModule.Core is used. Each test gets its own emulator.
/// </summary>
public sealed class NermEmulatorTests : IAsyncLifetime
{
    private const string Id = NermSeedData.ExampleSessionId;
    private const string SeedRequest = """{"workflow_session":{"workflow_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_type":"User","profile_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","profile_ids":["3fa85f64-5717-4562-b3fc-2c963f66afa6"],"status":"completed","attributes":{"text_attribute_uid":"static text","date_attribute_uid":"01/15/2020","profile_select_attribute_uid":"Profile Name","multiple_profile_select_attribute_uid":"Profile Name,Second Profile Name,Third Profile Name","contributor_select_attribute_uid":"User Name","multiple_contributor_select_attribute_uid":"User Name,Second User Name,Third User Name"}}}""";
    private const string SeedAnswer = """{"workflow_session":{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","uid":"string","workflow_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_type":"User","profile_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","profile_ids":["3fa85f64-5717-4562-b3fc-2c963f66afa6"],"status":"completed","attributes":{"text_attribute_uid":"static text","date_attribute_uid":"01/15/2020","profile_select_attribute_uid":"Profile Name","multiple_profile_select_attribute_uid":"Profile Name,Second Profile Name,Third Profile Name","contributor_select_attribute_uid":"User Name","multiple_contributor_select_attribute_uid":"User Name,Second User Name,Third User Name"}}}""";

    private EmulatorTestClient emulator = null!;

    public async Task InitializeAsync() => emulator = await StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    // ---- bearer authentication first ------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic eGVsc3lzYWRtOkRlbW8tUGFzc3cwcmQh")]
    public async Task Without_a_known_bearer_token_every_request_gets_401_with_an_error_body(string? authorization)
    {
        foreach (var request in new[] { Patch(Id, SeedRequest, authorization), Patch("424242", "{not json", authorization), Get("workflow_sessions", authorization) })
        {
            using var response = await emulator.Http.SendAsync(request);

            Assert.Equal(401, (int)response.StatusCode);
            Assert.False(string.IsNullOrEmpty((string?)(await ReadJsonAsync(response))!["error"]));
        }

        Assert.Equal(0, await AppliedChangesAsync(Id));
    }

    [Fact]
    public async Task An_ISC_access_token_from_oauth_token_is_accepted_and_an_expired_one_is_not()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = EmulatorOptions.IscDemoClientId,
            ["client_secret"] = EmulatorOptions.IscDemoClientSecret,
        });
        using var tokenResponse = await emulator.Http.PostAsync("oauth/token", form);
        var token = (string)(await ReadJsonAsync(tokenResponse))!["access_token"]!;

        using (var response = await emulator.Http.SendAsync(Get("workflow_sessions/" + Id, "Bearer " + token)))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        emulator.Host.Options.IscTokenLifetimeSeconds = 1;
        using var shortForm = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = EmulatorOptions.IscDemoClientId,
            ["client_secret"] = EmulatorOptions.IscDemoClientSecret,
        });
        using var shortResponse = await emulator.Http.PostAsync("oauth/token", shortForm);
        var shortToken = (string)(await ReadJsonAsync(shortResponse))!["access_token"]!;
        await Task.Delay(1200);
        using var expired = await emulator.Http.SendAsync(Get("workflow_sessions/" + Id, "Bearer " + shortToken));
        Assert.Equal(401, (int)expired.StatusCode);
    }

    [Fact]
    public async Task The_journal_keeps_only_the_scheme_of_the_token()
    {
        using var response = await emulator.Http.SendAsync(Get("workflow_sessions/" + Id));

        Assert.Equal("Bearer ***", Assert.Single(emulator.Host.Journal.Entries("nerm")).Headers["Authorization"]);
    }

    // ---- 404 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("11111111-2222-4333-8444-555555555555")]
    [InlineData("3009")]
    public async Task An_unknown_or_non_UUID_id_gets_404_for_PATCH_and_GET(string id)
    {
        using var patch = await emulator.Http.SendAsync(Patch(id, """{"workflow_session":{"status":"approved"}}"""));
        using var get = await emulator.Http.SendAsync(Get("workflow_sessions/" + id));

        await emulator.AssertAnswerAsync(patch, 404, """{"error":"The requested Workflow Session was not found"}""");
        await emulator.AssertAnswerAsync(get, 404, """{"error":"The requested Workflow Session was not found"}""");
    }

    // ---- invalid JSON --------------------------------------------------------------------

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    public async Task A_body_that_is_not_JSON_gets_the_documented_400(string body)
    {
        using var response = await emulator.Http.SendAsync(Patch(Id, body));

        await emulator.AssertAnswerAsync(response, 400, """{"error":"Invalid JSON syntax. Please check your syntax and try again."}""");
        Assert.Equal(0, await AppliedChangesAsync(Id));
    }

    // ---- validation --------------------------------------------------------------------

    [Fact]
    public async Task Every_invalid_member_is_named_and_nothing_changes()
    {
        const string body = """{"workflow_session":{"status":"Completed","requester_type":"Robot","workflow_id":"wf-1","profile_ids":["3fa85f64-5717-4562-b3fc-2c963f66afa6","x"],"attributes":{"ok_uid":"fine","count_uid":3}}}""";

        using var response = await emulator.Http.SendAsync(Patch(Id, body));

        await emulator.AssertAnswerAsync(response, 400, """{"error":"The workflow session failed to create/update","errors":{"workflow_id":"is not a valid UUID","requester_type":"is not included in the list","status":"is not included in the list","profile_ids":"must be an array of UUIDs","attributes.count_uid":"must be a string"}}""");
        Assert.Equal(0, await AppliedChangesAsync(Id));
        Assert.Equal("pending_approval", (string?)(await StateAsync(Id))["status"]);
    }

    [Theory]
    [InlineData("""{}""", "can't be blank")]
    [InlineData("\"\"", "can't be blank")]
    [InlineData("""{"workflow_session":"completed"}""", "must be an object")]
    public async Task A_body_without_a_workflow_session_object_is_a_validation_error(string body, string message)
    {
        using var response = await emulator.Http.SendAsync(Patch(Id, body));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(message, (string?)(await ReadJsonAsync(response))!["errors"]!["workflow_session"]);
    }

    [Fact]
    public async Task Status_is_case_sensitive_and_AUTH_STATUS_values_are_accepted()
    {
        using var lower = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"status":"auth-status1"}}"""));
        using var upper = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"status":"AUTH-STATUS1"}}"""));

        Assert.Equal(400, (int)lower.StatusCode);
        Assert.Equal(200, (int)upper.StatusCode);
    }

    [Fact]
    public async Task NeaccessRegistrant_which_no_answer_may_carry_is_refused_and_stored_only_when_switched_on()
    {
        using var refused = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"requester_type":"NeaccessRegistrant","status":"approved"}}"""));
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Equal("is not included in the list", (string)(await ReadJsonAsync(refused))!["errors"]!["requester_type"]!);
        Assert.Equal(0, await AppliedChangesAsync(Id));

        using var options = await emulator.Http.PatchAsync("_emulator/options", new StringContent("""{"nerm":{"acceptNeaccessRegistrant":true}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)options.StatusCode);
        using var accepted = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"requester_type":"NeaccessRegistrant"}}"""));
        Assert.Equal(200, (int)accepted.StatusCode);
        Assert.Equal("NeaccessRegistrant", (string)(await ReadJsonAsync(accepted))!["workflow_session"]!["requester_type"]!);
    }

    // ---- partial update -----------------------------------------------------------------

    [Fact]
    public async Task The_seed_request_is_answered_with_the_seed_response()
    {
        using var response = await emulator.Http.SendAsync(Patch(Id, SeedRequest));

        var body = (JsonObject)(await ReadJsonAsync(response))!;
        var uid = (string)body["workflow_session"]!["uid"]!;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(32, uid.Length);
        AssertJsonEqual(SeedAnswer.Replace("\"uid\":\"string\"", "\"uid\":\"" + uid + "\""), body.ToJsonString());
    }

    [Fact]
    public async Task Only_members_present_change_attributes_merge_and_id_and_uid_are_ignored()
    {
        var before = await StateAsync(NermSeedData.GeneratedId(2));

        using var response = await emulator.Http.SendAsync(Patch(NermSeedData.GeneratedId(2), """{"workflow_session":{"id":"11111111-2222-4333-8444-555555555555","uid":"other","attributes":{"department_uid":"Finance","new_uid":"x"}}}"""));

        var after = (await ReadJsonAsync(response))!["workflow_session"]!;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(NermSeedData.GeneratedId(2), (string?)after["id"]);
        Assert.Equal((string?)before["uid"], (string?)after["uid"]);
        Assert.Equal((string?)before["status"], (string?)after["status"]);
        Assert.Equal((string?)before["workflow_id"], (string?)after["workflow_id"]);
        Assert.Equal("Finance", (string?)after["attributes"]!["department_uid"]);
        Assert.Equal("x", (string?)after["attributes"]!["new_uid"]);
        Assert.Equal("2", (string?)after["attributes"]!["badge_number_uid"]);

        using var read = await emulator.Http.SendAsync(Get("workflow_sessions/" + NermSeedData.GeneratedId(2)));
        AssertJsonEqual(after.ToJsonString(), (await ReadJsonAsync(read))!["workflow_session"]!.ToJsonString());
    }

    [Fact]
    public async Task Status_uid_changes_the_status_and_can_be_the_only_way()
    {
        using (var viaUid = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"status_uid":"approved"}}""")))
        {
            Assert.Equal("approved", (string?)(await ReadJsonAsync(viaUid))!["workflow_session"]!["status"]);
        }

        emulator.Host.Options.Nerm.StatusOnlyThroughStatusUid = true;
        using var ignored = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"status":"rejected"}}"""));
        Assert.Equal(200, (int)ignored.StatusCode);
        Assert.Equal("approved", (string?)(await ReadJsonAsync(ignored))!["workflow_session"]!["status"]);
    }

    // ---- run ------------------------------------------------------------------------------

    [Fact]
    public async Task Run_true_records_a_run_and_can_move_the_status()
    {
        emulator.Host.Options.Nerm.RunSetsStatus = "started_workflow";

        using var response = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"status":"approved"}}""", query: "?run=true"));

        Assert.Equal("started_workflow", (string?)(await ReadJsonAsync(response))!["workflow_session"]!["status"]);
        var state = await StateAsync(Id);
        Assert.Equal(1, (int)state["runs"]!);
    }

    [Theory]
    [InlineData("?run=false", 200)]
    [InlineData("?run=TRUE", 200)]
    [InlineData("?run=yes", 400)]
    public async Task Run_is_read_as_a_boolean(string query, int status)
    {
        using var response = await emulator.Http.SendAsync(Patch(Id, """{"workflow_session":{"status":"approved"}}""", query: query));

        Assert.Equal(status, (int)response.StatusCode);
    }

    // ---- list ----------------------------------------------------------------------------

    [Fact]
    public async Task The_list_pages_with_limit_and_0_based_offset_and_metadata_links()
    {
        using var first = await emulator.Http.SendAsync(Get("workflow_sessions?metadata=true"));
        var firstBody = (await ReadJsonAsync(first))!;
        Assert.Equal(100, firstBody["workflow_sessions"]!.AsArray().Count);
        Assert.Equal(Id, (string?)firstBody["workflow_sessions"]![0]!["id"]);
        Assert.Equal(1001, (int)firstBody["_metadata"]!["total"]!);
        Assert.Equal("/api/workflow_sessions?limit=100&offset=100&metadata=true", (string?)firstBody["_metadata"]!["next"]);
        Assert.Null(firstBody["_metadata"]!["previous"]);

        using var last = await emulator.Http.SendAsync(Get("workflow_sessions?limit=10&offset=995&metadata=true"));
        var lastBody = (await ReadJsonAsync(last))!;
        Assert.Equal(6, lastBody["workflow_sessions"]!.AsArray().Count);
        Assert.False(lastBody["_metadata"]!.AsObject().ContainsKey("next"));
        Assert.Equal("/api/workflow_sessions?limit=10&offset=985&metadata=true", (string?)lastBody["_metadata"]!["previous"]);

        using var plain = await emulator.Http.SendAsync(Get("workflow_sessions?limit=1"));
        Assert.False((await ReadJsonAsync(plain))!.AsObject().ContainsKey("_metadata"));
    }

    [Fact]
    public async Task The_list_filters_by_the_spaced_status_vocabulary_and_exact_ids()
    {
        using var response = await emulator.Http.SendAsync(Get("workflow_sessions?limit=1000&status=pending%20approval&workflow_id=" + NermSeedData.OtherWorkflowId + "&profile_id=" + NermSeedData.ProfileId));

        var sessions = (await ReadJsonAsync(response))!["workflow_sessions"]!.AsArray();
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s =>
        {
            Assert.Equal("pending_approval", (string?)s!["status"]);
            Assert.Equal(NermSeedData.OtherWorkflowId, (string?)s["workflow_id"]);
            Assert.Equal(NermSeedData.ProfileId, (string?)s["profile_id"]);
        });
    }

    [Theory]
    [InlineData("status=pending_approval")]
    [InlineData("limit=0")]
    [InlineData("offset=-1")]
    [InlineData("metadata=maybe")]
    [InlineData("order=password")]
    public async Task Bad_list_parameters_get_400_naming_them(string query)
    {
        using var response = await emulator.Http.SendAsync(Get("workflow_sessions?" + query));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.True((await ReadJsonAsync(response))!["errors"]!.AsObject().ContainsKey(query.Split('=')[0]));
    }

    // ---- server errors, no rate limit ---------------------------------------------

    [Fact]
    public async Task A_forced_500_has_the_documented_body()
    {
        emulator.Host.Faults.Add(new FaultRule { Api = "nerm", Status = 500, Count = 1 });

        using var response = await emulator.Http.SendAsync(Patch(Id, SeedRequest));

        await emulator.AssertAnswerAsync(response, 500, """{"error":"Sorry something went wrong"}""");
        Assert.Equal(0, await AppliedChangesAsync(Id));
    }

    [Fact]
    public async Task There_is_no_rate_limit()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => emulator.Http.SendAsync(Get("workflow_sessions/" + Id))));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Reset_reseeds_the_sessions()
    {
        using (await emulator.Http.SendAsync(Patch(Id, SeedRequest)))
        {
        }

        using var reset = await emulator.Http.PostAsync("_emulator/reset", null);

        Assert.Equal("pending_approval", (string?)(await StateAsync(Id))["status"]);
        Assert.Equal(0, await AppliedChangesAsync(Id));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static HttpRequestMessage Patch(string id, string body, string? authorization = "Bearer " + NermEmulatorOptions.DemoApiKeyDefault, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "api/workflow_sessions/" + id + query) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static HttpRequestMessage Get(string path, string? authorization = "Bearer " + NermEmulatorOptions.DemoApiKeyDefault)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/" + path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private async Task<JsonObject> StateAsync(string id)
    {
        using var response = await emulator.Http.GetAsync("_emulator/nerm/sessions/" + id);
        Assert.Equal(200, (int)response.StatusCode);
        return (JsonObject)(await ReadJsonAsync(response))!;
    }

    private async Task<int> AppliedChangesAsync(string id) => (int)(await StateAsync(id))["appliedChanges"]!;
}
