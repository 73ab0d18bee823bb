using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using Xunit;

namespace GovernanceModule.Core.Tests.Emulator;

/// <summary>
/// A fresh in-process emulator on 127.0.0.1:0 and a plain HttpClient speaking raw JSON to it.
/// Nothing from GovernanceModule.Core is used: these tests check the server on its own.
/// </summary>
public sealed class EmulatorTestClient : IAsyncDisposable
{
    public const string OigPrefix = "iam/governance/selfservice/api/v1/";
    public const string DemoUser = "xelsysadm";
    public const string DemoPassword = "Demo-Passw0rd!";

    private EmulatorTestClient(EmulatorHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorHost Host { get; }

    public HttpClient Http { get; }

    /// <summary>The OIG base as it appears in links: "http://127.0.0.1:PORT/iam/governance/selfservice/api/v1".</summary>
    public string OigBase => Host.OigBaseUri.ToString().TrimEnd('/');

    public static async Task<EmulatorTestClient> StartAsync(EmulatorOptions? options = null) =>
        new(await EmulatorHost.StartAsync(options));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    /// <summary>An OIG request with the demo user's credentials and X-Requested-By unless told otherwise.</summary>
    public static HttpRequestMessage OigRequest(
        HttpMethod method,
        string path,
        string? json = null,
        AuthenticationHeaderValue? auth = null,
        bool withAuth = true,
        bool requestedBy = true,
        string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, OigPrefix + path);
        if (withAuth) request.Headers.Authorization = auth ?? Basic(DemoUser, DemoPassword);
        if (requestedBy) request.Headers.Add("X-Requested-By", "xunit");
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        return request;
    }

    public Task<HttpResponseMessage> PutAsync(string path, string json, AuthenticationHeaderValue? auth = null, bool requestedBy = true) =>
        Http.SendAsync(OigRequest(HttpMethod.Put, path, json, auth, requestedBy: requestedBy));

    public Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? auth = null) =>
        Http.SendAsync(OigRequest(HttpMethod.Get, path, auth: auth, requestedBy: false));

    /// <summary>GET /_emulator/oig/tasks/{id}: the task's internal state.</summary>
    public async Task<JsonObject> TaskStateAsync(string id)
    {
        using var response = await Http.GetAsync("_emulator/oig/tasks/" + id);
        Assert.Equal(200, (int)response.StatusCode);
        return (JsonObject)(await ReadJsonAsync(response))!;
    }

    public async Task<int> AppliedChangesAsync(string id) => (int)(await TaskStateAsync(id))["appliedChanges"]!;

    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text);
    }

    /// <summary>Asserts the status and that the body is JSON-equal to the contract example, with its host replaced by ours.</summary>
    public async Task AssertAnswerAsync(HttpResponseMessage response, int status, string contractJson)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        AssertJsonEqual(WithOurHost(contractJson), body);
    }

    /// <summary>Replaces the vendors' placeholder host (https://pseudo.com or http://pseudo.com) by this emulator's address.</summary>
    public string WithOurHost(string contractJson)
    {
        var server = Host.BaseUri.ToString().TrimEnd('/');
        return contractJson.Replace("https://pseudo.com", server).Replace("http://pseudo.com", server);
    }

    public static void AssertJsonEqual(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expectedNode, actualNode), $"JSON differs.\nExpected: {expectedNode?.ToJsonString()}\nActual:   {actualNode?.ToJsonString()}");
    }
}
