using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using Xunit;

namespace GovernanceModule.Core.Tests.Emulator;

/// <summary>
/// The ISC provisioning-policy part of the emulator over real HTTP with a plain HttpClient (nothing of Core), rule by
/// rule against docs/api-contracts.md. Each test gets its own emulator.
/// </summary>
public sealed class IscEmulatorTests : IAsyncLifetime
{
    private const string Source = IscSeedData.ExampleSourceId;
    private const string CreatePath = "v3/sources/" + Source + "/provisioning-policies/CREATE";

    private EmulatorHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        host = await EmulatorHost.StartAsync();
        http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    // ---- the seeded policy, GET and list ----------------------------------------

    [Fact]
    public async Task The_seeded_CREATE_policy_is_the_S4_example_and_the_list_holds_it()
    {
        var token = await TokenAsync();

        var (status, policy) = await SendAsync(HttpMethod.Get, CreatePath, token);
        Assert.Equal(200, status);
        AssertJsonEqual(IscSeedData.ExampleCreatePolicy, policy);

        var (listStatus, list) = await SendAsync(HttpMethod.Get, "v3/sources/" + Source + "/provisioning-policies", token);
        Assert.Equal(200, listStatus);
        Assert.Contains(list!.AsArray(), p => JsonNode.DeepEquals(p, policy));
    }

    // ---- 401 before anything else ------------------------------------------------

    [Fact]
    public async Task No_token_an_unknown_token_and_an_expired_token_get_401_with_an_error_member()
    {
        var (noToken, noTokenBody) = await SendAsync(HttpMethod.Patch, "v3/sources/unknown/provisioning-policies/NOT_A_TYPE", null, "not json");
        Assert.Equal(401, noToken);
        Assert.StartsWith("JWT validation failed", (string)noTokenBody!["error"]!);

        var (unknown, _) = await SendAsync(HttpMethod.Get, CreatePath, "not-a-token");
        Assert.Equal(401, unknown);

        host.Options.IscTokenLifetimeSeconds = 1;
        var token = await TokenAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var (expired, expiredBody) = await SendAsync(HttpMethod.Get, CreatePath, token);
        Assert.Equal(401, expired);
        Assert.Equal("JWT validation failed: JWT is expired", (string)expiredBody!["error"]!);
    }

    // ---- 403 ---------------------------------------------------------------------------

    [Fact]
    public async Task A_client_without_the_right_gets_403_ErrorResponseDto_and_changes_nothing()
    {
        host.Options.IscClients.Add(new IscClient { ClientId = "helpdesk", ClientSecret = "Helpdesk-Secret-1", UserLevel = "HELPDESK" });
        var token = await TokenAsync("helpdesk", "Helpdesk-Secret-1");

        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, token, """[{"op":"replace","path":"/description","value":"x"}]""");

        Assert.Equal(403, status);
        Assert.Equal("403 Forbidden", (string)body!["detailCode"]!);
        Assert.Matches("^[0-9a-f]{32}$", (string)body["trackingId"]!);
        Assert.Equal("en-US", (string)body["messages"]![0]!["locale"]!);
        Assert.Equal("DEFAULT", (string)body["messages"]![0]!["localeOrigin"]!);
        Assert.Null(body["causes"]);
        await AssertUnchangedAsync();
    }

    // ---- 404 and usage types ------------------------------------------------------

    [Theory]
    [InlineData("v3/sources/2c9180835d191a86015d28455b4a0000/provisioning-policies/CREATE")]
    [InlineData("v3/sources/" + Source + "/provisioning-policies/ENABLE")]
    public async Task An_unknown_source_or_a_missing_policy_gets_404(string path)
    {
        var token = await TokenAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, path, token, """[{"op":"replace","path":"/description","value":"x"}]""");

        Assert.Equal(404, status);
        Assert.Equal("404 Not found", (string)body!["detailCode"]!);
        Assert.Null(body["causes"]);
    }

    [Fact]
    public async Task An_undocumented_usage_type_is_400_unless_the_emulator_allows_it()
    {
        var token = await TokenAsync();
        var path = "v3/sources/" + IscSeedData.SecondSourceId + "/provisioning-policies/" + IscSeedData.UndocumentedUsageType;

        var (refused, body) = await SendAsync(HttpMethod.Get, path, token);
        Assert.Equal(400, refused);
        Assert.Equal(IscErrors.BadRequestCode, (string)body!["detailCode"]!);
        Assert.Contains(IscSeedData.UndocumentedUsageType, (string)body["causes"]![0]!["text"]!);
        Assert.Equal(400, (await SendAsync(HttpMethod.Get, "v3/sources/" + Source + "/provisioning-policies/create", token)).Status);

        host.Options.Isc.AllowUndocumentedUsageTypes = true;
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, path, token)).Status);
    }

    // ---- 415 ------------------------------------------------------------------------------

    [Fact]
    public async Task A_patch_sent_as_application_json_gets_415_and_a_charset_parameter_is_fine()
    {
        var token = await TokenAsync();
        const string patch = """[{"op":"replace","path":"/description","value":"charset is fine"}]""";

        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, token, patch, "application/json");
        Assert.Equal(415, status);
        Assert.Equal("415 Unsupported Media Type", (string)body!["detailCode"]!);
        await AssertUnchangedAsync();

        Assert.Equal(200, (await SendAsync(HttpMethod.Patch, CreatePath, token, patch, "application/json-patch+json; charset=utf-8")).Status);
    }

    // ---- shape of the patch -------------------------------------------------------------

    [Theory]
    [InlineData("""{"op":"replace","path":"/description","value":"x"}""", "array")]
    [InlineData("""[{"op":"replace","path":"/description","value":"x"},{"op":"Replace","path":"/name","value":"y"}]""", "Operation 1")]
    [InlineData("""[{"op":"add","path":"/fields/-"}]""", "Operation 0")]
    [InlineData("""[{"op":"remove","path":"description"}]""", "Operation 0")]
    [InlineData("""[{"op":"copy","path":"/name"}]""", "Operation 0")]
    [InlineData("""[{"op":"remove","path":"/a~2b"}]""", "Operation 0")]
    [InlineData("""[42]""", "Operation 0")]
    public async Task A_malformed_patch_gets_400_naming_the_bad_operation_and_changes_nothing(string patch, string named)
    {
        var token = await TokenAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, token, patch);

        Assert.Equal(400, status);
        Assert.Equal(IscErrors.BadRequestCode, (string)body!["detailCode"]!);
        Assert.Contains(named, (string)body["causes"]![0]!["text"]!);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task An_empty_patch_returns_the_unchanged_policy()
    {
        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, await TokenAsync(), "[]");

        Assert.Equal(200, status);
        AssertJsonEqual(IscSeedData.ExampleCreatePolicy, body);
    }

    // ---- each op, RFC 6902 and 6901 ------------------------------------------------------

    public static IEnumerable<object[]> EachOperation() =>
    [
        ["""[{"op":"add","path":"/fields/0","value":{"name":"email","type":"string"}}]""", """{"fields":[{"name":"email","type":"string"},"userName"]}"""],
        ["""[{"op":"add","path":"/fields/-","value":{"name":"email"}}]""", """{"fields":["userName",{"name":"email"}]}"""],
        ["""[{"op":"remove","path":"/fields/0/attributes/cloudRequired"}]""", """{"attributesOfField0":["template","cloudMaxUniqueChecks","cloudMaxSize"]}"""],
        ["""[{"op":"replace","path":"/fields/0/attributes/cloudMaxSize","value":"30"}]""", """{"cloudMaxSize":"30"}"""],
        ["""[{"op":"move","from":"/fields/0/attributes/template","path":"/fields/0/attributes/pattern"}]""", """{"attributesOfField0":["cloudMaxUniqueChecks","cloudMaxSize","cloudRequired","pattern"]}"""],
        ["""[{"op":"copy","from":"/fields/0","path":"/fields/1"}]""", """{"fields":["userName","userName"]}"""],
        ["""[{"op":"test","path":"/fields/0/attributes/cloudMaxUniqueChecks","value":"50"},{"op":"replace","path":"/description","value":"tested"}]""", """{"description":"tested"}"""],
    ];

    [Theory]
    [MemberData(nameof(EachOperation))]
    public async Task Each_op_is_applied_stored_and_returned(string patch, string expectations)
    {
        var token = await TokenAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, token, patch);

        Assert.True(status == 200, body?.ToJsonString());
        var (_, stored) = await SendAsync(HttpMethod.Get, CreatePath, token);
        Assert.True(JsonNode.DeepEquals(body, stored));
        var expected = JsonNode.Parse(expectations)!.AsObject();
        if (expected["fields"] is JsonArray fields)
        {
            Assert.Equal(fields.Count, stored!["fields"]!.AsArray().Count);
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i] is JsonValue name) Assert.Equal((string)name!, (string)stored["fields"]![i]!["name"]!);
                else Assert.True(JsonNode.DeepEquals(fields[i], stored["fields"]![i]));
            }
        }

        if (expected["attributesOfField0"] is JsonArray keys)
        {
            Assert.Equal(keys.Select(k => (string)k!).OrderBy(k => k), stored!["fields"]![0]!["attributes"]!.AsObject().Select(p => p.Key).OrderBy(k => k));
        }

        if (expected["cloudMaxSize"] is { } size) Assert.Equal((string)size!, (string)stored!["fields"]![0]!["attributes"]!["cloudMaxSize"]!);
        if (expected["description"] is { } description) Assert.Equal((string)description!, (string)stored!["description"]!);
    }

    [Fact]
    public async Task Pointer_escapes_and_test_equality_follow_RFC_6901_and_6902()
    {
        var token = await TokenAsync();
        const string patch = """
            [{"op":"add","path":"/fields/0/attributes/a~1b~0c","value":{"n":1.0,"list":[1,2]}},
             {"op":"test","path":"/fields/0/attributes/a~1b~0c","value":{"list":[1,2],"n":1}}]
            """;

        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, token, patch);

        Assert.True(status == 200, body?.ToJsonString());
        Assert.NotNull(body!["fields"]![0]!["attributes"]!["a/b~c"]);
    }

    // ---- atomic, and the result must still be a policy --------------------------------

    [Theory]
    [InlineData("""[{"op":"replace","path":"/description","value":"half"},{"op":"remove","path":"/fields/5"}]""", "Operation 1")]
    [InlineData("""[{"op":"replace","path":"/description","value":"half"},{"op":"test","path":"/name","value":"someone else's name"}]""", "Operation 1")]
    [InlineData("""[{"op":"replace","path":"/description","value":"half"},{"op":"add","path":"/missing/child","value":1}]""", "Operation 1")]
    [InlineData("""[{"op":"replace","path":"/description","value":"half"},{"op":"move","from":"/fields","path":"/fields/0/x"}]""", "Operation 1")]
    [InlineData("""[{"op":"replace","path":"/usageType","value":"UPDATE"}]""", "usageType")]
    [InlineData("""[{"op":"replace","path":"/fields/0/isRequired","value":"yes"}]""", "isRequired")]
    [InlineData("""[{"op":"remove","path":"/name"}]""", "name")]
    [InlineData("""[{"op":"replace","path":"/description","value":42}]""", "description: string expected")]
    [InlineData("""[{"op":"replace","path":"/fields/0/transform","value":"identityAttribute"}]""", "fields[0].transform: object expected")]
    [InlineData("""[{"op":"replace","path":"/fields/0/name","value":null}]""", "fields[0].name: string expected")]
    public async Task A_patch_with_any_failing_operation_gets_400_and_changes_nothing(string patch, string named)
    {
        var token = await TokenAsync();

        var (status, body) = await SendAsync(HttpMethod.Patch, CreatePath, token, patch);

        Assert.Equal(400, status);
        Assert.Contains(body!["causes"]!.AsArray(), c => ((string)c!["text"]!).Contains(named));
        await AssertUnchangedAsync();
    }

    // ---- the rest of the resource: create, replace, delete, bulk update ----------------------

    [Fact]
    public async Task A_created_policy_is_listed_and_read_and_a_deleted_one_is_gone()
    {
        var token = await TokenAsync();
        const string enable = """{"name":"Enable","usageType":"ENABLE","fields":[]}""";
        var policies = "v3/sources/" + Source + "/provisioning-policies";

        var (created, body) = await SendAsync(HttpMethod.Post, policies, token, enable, "application/json");
        Assert.Equal(201, created);
        AssertJsonEqual(enable, body);
        Assert.Equal(400, (await SendAsync(HttpMethod.Post, policies, token, enable, "application/json")).Status);
        AssertJsonEqual(enable, (await SendAsync(HttpMethod.Get, policies + "/ENABLE", token)).Body);

        Assert.Equal(204, (await SendAsync(HttpMethod.Delete, policies + "/ENABLE", token)).Status);
        Assert.Equal(404, (await SendAsync(HttpMethod.Get, policies + "/ENABLE", token)).Status);
        Assert.Equal(404, (await SendAsync(HttpMethod.Delete, policies + "/ENABLE", token)).Status);
    }

    [Fact]
    public async Task A_replacement_is_stored_whole_and_an_invalid_one_changes_nothing()
    {
        var token = await TokenAsync();

        var (invalid, error) = await SendAsync(HttpMethod.Put, CreatePath, token, """{"name":"Replaced","fields":[{"name":"x","isMultiValued":"no"}]}""", "application/json");
        Assert.Equal(400, invalid);
        Assert.Contains(error!["causes"]!.AsArray(), c => ((string)c!["text"]!).StartsWith("fields[0].isMultiValued: boolean expected", StringComparison.Ordinal));
        await AssertUnchangedAsync();

        var (replaced, body) = await SendAsync(HttpMethod.Put, CreatePath, token, """{"name":"Replaced","fields":[]}""", "application/json");
        Assert.Equal(200, replaced);
        AssertJsonEqual("""{"name":"Replaced","fields":[],"usageType":"CREATE"}""", body);
        Assert.Equal(400, (await SendAsync(HttpMethod.Put, CreatePath, token, """{"name":"Moved","usageType":"UPDATE"}""", "application/json")).Status);
    }

    [Fact]
    public async Task A_bulk_update_replaces_every_listed_policy_or_none()
    {
        var token = await TokenAsync();
        var bulk = "v3/sources/" + Source + "/provisioning-policies/bulk-update";

        var (refused, _) = await SendAsync(HttpMethod.Post, bulk, token, """[{"name":"Create","usageType":"CREATE"},{"name":"Nope","usageType":"ENABLE"}]""", "application/json");
        Assert.Equal(400, refused);
        await AssertUnchangedAsync();

        var (updated, body) = await SendAsync(HttpMethod.Post, bulk, token, """[{"name":"Create","usageType":"CREATE"},{"name":"Off","usageType":"DISABLE","fields":[]}]""", "application/json");
        Assert.Equal(200, updated);
        Assert.Equal(2, body!.AsArray().Count);
        AssertJsonEqual("""{"name":"Off","usageType":"DISABLE","fields":[]}""", (await SendAsync(HttpMethod.Get, "v3/sources/" + Source + "/provisioning-policies/DISABLE", token)).Body);
    }

    [Fact]
    public async Task Create_delete_and_bulk_update_need_an_ORG_ADMIN()
    {
        host.Options.IscClients.Add(new IscClient { ClientId = "source-admin", ClientSecret = "Source-Admin-1", UserLevel = "SOURCE_ADMIN" });
        var token = await TokenAsync("source-admin", "Source-Admin-1");
        var policies = "v3/sources/" + Source + "/provisioning-policies";

        Assert.Equal(403, (await SendAsync(HttpMethod.Post, policies, token, """{"name":"Enable","usageType":"ENABLE"}""", "application/json")).Status);
        Assert.Equal(403, (await SendAsync(HttpMethod.Delete, CreatePath, token)).Status);
        Assert.Equal(403, (await SendAsync(HttpMethod.Post, policies + "/bulk-update", token, "[]", "application/json")).Status);
        Assert.Equal(200, (await SendAsync(HttpMethod.Put, CreatePath, token, IscSeedData.ExampleCreatePolicy, "application/json")).Status);
    }

    // ---- rate limit --------------------------------------------------------------------------

    [Fact]
    public async Task Over_the_limit_a_request_gets_429_with_Retry_After_and_the_next_window_accepts_again()
    {
        host.Options.Isc.RateLimitRequests = 3;
        host.Options.Isc.RateLimitWindowSeconds = 1;
        var token = await TokenAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await SendAsync(HttpMethod.Get, CreatePath, token)).Status);
        }

        using var refused = await http.SendAsync(Request(HttpMethod.Get, CreatePath, token));
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(" Rate Limit Exceeded ", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["message"]!);

        // Another API version has its own budget; the token endpoint is not counted.
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, "beta/sources/" + Source + "/provisioning-policies/CREATE", token)).Status);
        await TokenAsync();

        await Task.Delay(TimeSpan.FromSeconds(1.05));
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, CreatePath, token)).Status);
    }

    // ---- forced faults in ISC's envelopes ------------------------------------------------

    [Theory]
    [InlineData(500, "500.0 Internal Fault")]
    [InlineData(404, "404 Not found")]
    public async Task An_injected_fault_answers_an_ErrorResponseDto_with_a_fresh_tracking_id(int fault, string detailCode)
    {
        var token = await TokenAsync();
        host.Faults.Add(new FaultRule { Api = ApiNames.Isc, Status = fault, Count = 2 });

        var (first, firstBody) = await SendAsync(HttpMethod.Get, CreatePath, token);
        var (_, secondBody) = await SendAsync(HttpMethod.Get, CreatePath, token);

        Assert.Equal(fault, first);
        Assert.Equal(detailCode, (string)firstBody!["detailCode"]!);
        Assert.NotEqual((string)firstBody["trackingId"]!, (string)secondBody!["trackingId"]!);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private async Task<string> TokenAsync(string clientId = EmulatorOptions.IscDemoClientId, string secret = EmulatorOptions.IscDemoClientSecret)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
        using var response = await http.PostAsync("oauth/token", form);
        Assert.Equal(200, (int)response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? body = null, string contentType = "application/json-patch+json")
    {
        var request = new HttpRequestMessage(method, path);
        if (token != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body != null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? token, string? body = null, string contentType = "application/json-patch+json")
    {
        using var response = await http.SendAsync(Request(method, path, token, body, contentType));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task AssertUnchangedAsync()
    {
        using var response = await http.GetAsync("_emulator/isc/policies/" + Source + "/CREATE");
        AssertJsonEqual(IscSeedData.ExampleCreatePolicy, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static void AssertJsonEqual(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), "Expected " + expected + "\nActual   " + actual?.ToJsonString());
}
