using System.Collections;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Tests.Isc;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>
    /// The patch documents the ISC client sends, and the emulator's answers, against SailPoint's own OpenAPI schema
    /// (shared/specs): a misreading of the contract shared by client and emulator fails here.
    /// </summary>
    public sealed class IscConformanceTests : IAsyncLifetime
    {
        private const string Spec = "isc-v3-provisioning-policies.openapi.json";
        private const string PolicyPath = "/sources/{sourceId}/provisioning-policies/{usageType}";
        private const string Source = IscSeedData.ExampleSourceId;

        private static readonly OpenApiSchema Schema = OpenApiSchema.Load(Spec);

        private EmulatorHost emulator = null!;
        private IscConnection connection = null!;
        private ProvisioningPolicyClient client = null!;

        public async Task InitializeAsync()
        {
            emulator = await EmulatorHost.StartAsync();
            connection = IscTestConnections.Demo(emulator);
            client = new ProvisioningPolicyClient(connection);
        }

        public async Task DisposeAsync()
        {
            connection.Dispose();
            await emulator.DisposeAsync();
        }

        [Fact]
        public async Task Every_patch_document_the_client_sends_conforms_to_the_request_schema()
        {
            await EditAsync(PolicyEdit.WithOperations(Source, "CREATE", false, new[]
            {
                ProvisioningPolicyClientTests.Op("test", "/usageType", "CREATE"),
                ProvisioningPolicyClientTests.Op("add", "/fields/0", new Hashtable { ["name"] = "email", ["transform"] = new Hashtable { ["type"] = "identityAttribute", ["attributes"] = new Hashtable { ["name"] = "email" } }, ["attributes"] = new Hashtable(), ["isRequired"] = false, ["type"] = "string", ["isMultiValued"] = false }),
                ProvisioningPolicyClientTests.Op("copy", "/fields/-", from: "/fields/0"),
                ProvisioningPolicyClientTests.Op("move", "/fields/0", from: "/fields/2"),
                ProvisioningPolicyClientTests.Op("remove", "/fields/2"),
            }));
            await EditAsync(PolicyEdit.WithChanges(Source, "UPDATE", false, new PolicyChanges().WithName("Renamed").SetField(new Hashtable { ["name"] = "mail", ["isRequired"] = true }, "SetField 1").RemoveField("displayName")));
            await EditAsync(PolicyEdit.WithChanges(Source, "DISABLE", false, new PolicyChanges().WithDescription("guarded by a test of the whole policy")));
            var policy = await client.GetAsync(Source, "CREATE", CancellationToken.None);
            policy.Description = "changed in place";
            policy.Fields.RemoveAt(0);
            policy.Fields[0].Attributes!["cloudMaxSize"] = "40";
            await EditAsync(PolicyEdit.ToMatch(policy, false));

            var patches = emulator.Journal.Entries("isc").Where(e => e.Method == "PATCH").ToList();
            Assert.Equal(4, patches.Count);
            var request = Schema.RequestBody(PolicyPath, "PATCH");
            Assert.All(patches, p =>
            {
                Assert.Equal(200, p.Status);
                Assert.Empty(request.Validate(JToken.Parse(p.Body)));
            });
        }

        [Fact]
        public async Task The_emulators_answers_conform_to_the_response_schemas()
        {
            emulator.Options.IscClients.Add(new IscClient { ClientId = "helpdesk", ClientSecret = "Helpdesk-Secret-1", UserLevel = "HELPDESK" });
            var token = await TokenAsync(EmulatorOptions.IscDemoClientId, EmulatorOptions.IscDemoClientSecret);
            var path = "v3/sources/" + Source + "/provisioning-policies/CREATE";
            const string patch = """[{"op":"replace","path":"/description","value":"conforming"}]""";

            await AssertConformsAsync("GET", 200, await SendAsync(HttpMethod.Get, path, token));
            await AssertConformsAsync("PATCH", 200, await SendAsync(HttpMethod.Patch, path, token, patch));
            await AssertConformsAsync("PATCH", 400, await SendAsync(HttpMethod.Patch, path, token, """[{"op":"remove","path":"/fields/9"}]"""));
            await AssertConformsAsync("PATCH", 400, await SendAsync(HttpMethod.Patch, path, token, """[{"op":"nope","path":"/x"}]"""));
            await AssertConformsAsync("PATCH", 403, await SendAsync(HttpMethod.Patch, path, await TokenAsync("helpdesk", "Helpdesk-Secret-1"), patch));
            await AssertConformsAsync("PATCH", 404, await SendAsync(HttpMethod.Patch, "v3/sources/" + Source + "/provisioning-policies/ENABLE", token, patch));
            await AssertConformsAsync("PATCH", 401, await SendAsync(HttpMethod.Patch, path, "expired-or-unknown", patch));
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Status = 500, Count = 1 });
            await AssertConformsAsync("PATCH", 500, await SendAsync(HttpMethod.Patch, path, token, patch));

            emulator.Options.Isc.RateLimitRequests = 1;
            emulator.Options.Isc.RateLimitWindowSeconds = 60;
            await SendAsync(HttpMethod.Patch, "beta/sources/" + Source + "/provisioning-policies/CREATE", token, patch);
            var throttled = await SendAsync(HttpMethod.Patch, "beta/sources/" + Source + "/provisioning-policies/CREATE", token, patch);
            Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
            await AssertConformsAsync("PATCH", 429, throttled);
        }

        [Fact]
        public async Task The_list_answer_conforms()
        {
            var token = await TokenAsync(EmulatorOptions.IscDemoClientId, EmulatorOptions.IscDemoClientSecret);
            using var response = await SendAsync(HttpMethod.Get, "v3/sources/" + Source + "/provisioning-policies", token);

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Empty(Schema.Response("/sources/{sourceId}/provisioning-policies", "GET", 200).Validate(JToken.Parse(await response.Content.ReadAsStringAsync())));
        }

        private async Task EditAsync(PolicyEdit edit)
        {
            var outcome = await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);
            Assert.True(outcome.Failure == null, outcome.Reason);
        }

        private static async Task AssertConformsAsync(string method, int status, HttpResponseMessage response)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(status == (int)response.StatusCode, "expected " + status + ", got " + (int)response.StatusCode + ": " + body);
                var errors = Schema.Response(PolicyPath, method, status).Validate(JToken.Parse(body));
                Assert.True(errors.Count == 0, method + " " + status + ": " + string.Join("; ", errors) + "\n" + body);
            }
        }

        private async Task<string> TokenAsync(string clientId, string secret)
        {
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
            using var response = await http.PostAsync("oauth/token", form);
            return (string)JObject.Parse(await response.Content.ReadAsStringAsync())["access_token"]!;
        }

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string? body = null)
        {
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body != null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json-patch+json");
            }

            var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
    }
}
