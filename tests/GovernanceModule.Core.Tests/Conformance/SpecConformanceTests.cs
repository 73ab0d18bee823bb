using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Nerm;
using GovernanceModule.Emulator.Specs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>
    /// The emulator against SailPoint's published specs, driven from the specs themselves: every operation of both
    /// documents, for every status it documents, by default and under Strict (ISC also under /v2024 and /beta). Each
    /// answer must carry a status the spec lists for that operation (or one an active entry of
    /// <see cref="Deviations"/> allows), a documented media type, and a body valid against the response schema.
    /// </summary>
    public sealed class SpecConformanceTests : IClassFixture<SpecConformanceTests.SharedEmulator>
    {
        private const string Helpdesk = "helpdesk";
        private const string HelpdeskSecret = "Helpdesk-Secret-1";
        private const string UnknownSource = "2c9180835d191a86015d00000000dead";
        private const string UnknownSession = "11111111-2222-4333-8444-555555555555";
        private const string Source = IscSeedData.ExampleSourceId;

        private static readonly string[] IscPrefixes = ["v3", "v2024", "beta"];

        private readonly SharedEmulator emulator;

        public SpecConformanceTests(SharedEmulator emulator)
        {
            this.emulator = emulator;
            emulator.Host.Reset();
            emulator.Host.Options.Strict = false;
            emulator.Host.Options.Isc = new IscEmulatorOptions();
            emulator.Host.Options.Nerm = new NermEmulatorOptions();
        }

        /// <summary>(api, version prefix, method, path template, documented status, strict) for every answer the specs document.</summary>
        public static IEnumerable<object[]> DocumentedAnswers()
        {
            foreach (var strict in new[] { false, true })
            {
                foreach (var op in PublishedSpec.Isc.Operations)
                {
                    foreach (var prefix in strict ? [IscPaths.SpecVersion] : IscPrefixes)
                    {
                        foreach (var status in op.Statuses) yield return [ApiNames.Isc, prefix, op.Method, op.PathTemplate, status, strict];
                    }
                }

                foreach (var op in PublishedSpec.Nerm.Operations)
                {
                    foreach (var status in op.Statuses) yield return [ApiNames.Nerm, "api", op.Method, op.PathTemplate, status, strict];
                }
            }
        }

        public static IEnumerable<object[]> DeviationNames() => Deviations.All.Select(d => new object[] { d.Name });

        [Theory]
        [MemberData(nameof(DocumentedAnswers))]
        public async Task Every_documented_answer_conforms(string api, string prefix, string method, string pathTemplate, int status, bool strict)
        {
            emulator.Host.Options.Strict = strict;

            using var response = await DriveAsync(api, prefix, method, pathTemplate, status, strict);

            Assert.Equal(status, (int)response.StatusCode);
            await AssertConformsAsync(api, method, pathTemplate, response);
            var journaled = emulator.Host.Journal.Entries(api).Last();
            Assert.Equal((method, status), (journaled.Method, journaled.Status));
        }

        [Fact]
        public void The_suite_drives_every_operation_of_both_specs()
        {
            var driven = DocumentedAnswers().Select(a => (string)a[2] + " " + (string)a[3]).Distinct().ToList();

            Assert.Equal(7, PublishedSpec.Isc.Operations.Count);
            Assert.Equal(4, PublishedSpec.Nerm.Operations.Count);
            Assert.Equal(11, driven.Count);
        }

        /// <summary>Each deviation shows by default (where it is on by default) and, when Strict can turn it off, is gone under Strict.</summary>
        [Theory]
        [MemberData(nameof(DeviationNames))]
        public async Task Each_deviation_shows_as_listed_and_Strict_turns_off_those_it_can(string name)
        {
            switch (name)
            {
                case Deviations.UndocumentedUsageType:
                    var listPath = "v3/sources/" + IscSeedData.SecondSourceId + "/provisioning-policies";
                    using (var tenantLike = await IscAsync(HttpMethod.Get, listPath))
                    {
                        var violations = PublishedSpec.Isc.Response(IscPaths.PoliciesTemplate, "GET", 200).Validate(await tenantLike.Content.ReadAsStringAsync());
                        Assert.Contains(violations, v => v.Member.EndsWith("usageType", StringComparison.Ordinal));
                    }

                    emulator.Host.Options.Isc.AllowUndocumentedUsageTypes = true;
                    emulator.Host.Options.Strict = true;
                    using (var strictList = await IscAsync(HttpMethod.Get, listPath))
                    {
                        await AssertConformsAsync(ApiNames.Isc, "GET", IscPaths.PoliciesTemplate, strictList);
                        Assert.DoesNotContain(IscSeedData.UndocumentedUsageType, await strictList.Content.ReadAsStringAsync());
                    }

                    using (var strictGet = await IscAsync(HttpMethod.Get, listPath + "/" + IscSeedData.UndocumentedUsageType))
                    {
                        Assert.Equal(400, (int)strictGet.StatusCode);
                    }

                    break;
                case Deviations.PatchContentType415:
                    await AssertDeviationAsync(name, ApiNames.Isc, "PATCH", IscPaths.PolicyTemplate, 415, 400, () =>
                        IscAsync(HttpMethod.Patch, PolicyPath("v3", Source, "CREATE"), """[{"op":"replace","path":"/description","value":"x"}]""", "application/json"));
                    break;
                case Deviations.IscVersionPrefixes:
                    emulator.Host.Options.Strict = true;
                    using (var beta = await IscAsync(HttpMethod.Get, PolicyPath("beta", Source, "CREATE")))
                    {
                        Assert.Equal(404, (int)beta.StatusCode);
                        await AssertConformsAsync(ApiNames.Isc, "GET", IscPaths.PolicyTemplate, beta);
                    }

                    break;
                case Deviations.NermUnknownId404:
                    await AssertDeviationAsync(name, ApiNames.Nerm, "GET", NermPaths.Session, 404, 400, () => NermAsync(HttpMethod.Get, "api/workflow_sessions/" + UnknownSession));
                    await AssertDeviationAsync(name, ApiNames.Nerm, "PATCH", NermPaths.Session, 404, 400, () => NermAsync(HttpMethod.Patch, "api/workflow_sessions/" + UnknownSession, """{"workflow_session":{"status":"approved"}}"""));
                    break;
                case Deviations.NermUnauthorized401:
                    await AssertDeviationAsync(name, ApiNames.Nerm, "GET", NermPaths.Sessions, 401, 401, () => NermAsync(HttpMethod.Get, "api/workflow_sessions", key: "not-a-key"));
                    break;
                case Deviations.NermNeaccessRegistrant:
                    const string registrant = """{"workflow_session":{"requester_type":"NeaccessRegistrant"}}""";
                    var sessionPath = "api/workflow_sessions/" + NermSeedData.ExampleSessionId;
                    using (var refused = await NermAsync(HttpMethod.Patch, sessionPath, registrant))
                    {
                        Assert.Equal(400, (int)refused.StatusCode);
                        Assert.Contains("requester_type", await refused.Content.ReadAsStringAsync());
                    }

                    emulator.Host.Options.Nerm.AcceptNeaccessRegistrant = true;
                    using (var echoed = await NermAsync(HttpMethod.Patch, sessionPath, registrant))
                    {
                        Assert.Equal(200, (int)echoed.StatusCode);
                        Assert.Contains(PublishedSpec.Nerm.Response(NermPaths.Session, "PATCH", 200).Validate(await echoed.Content.ReadAsStringAsync()), v => v.Member.EndsWith("requester_type", StringComparison.Ordinal));
                    }

                    emulator.Host.Options.Strict = true;
                    using (var strictRefused = await NermAsync(HttpMethod.Patch, "api/workflow_sessions/" + NermSeedData.GeneratedId(1), registrant))
                    {
                        Assert.Equal(400, (int)strictRefused.StatusCode);
                    }

                    break;
                case Deviations.NermOffsetFromZero:
                    foreach (var strict in new[] { false, true })
                    {
                        emulator.Host.Options.Strict = strict;
                        using var page = await NermAsync(HttpMethod.Get, "api/workflow_sessions?offset=0&limit=1");
                        Assert.Contains(NermSeedData.ExampleSessionId, await page.Content.ReadAsStringAsync());
                    }

                    break;
                default:
                    Assert.Fail("No test shows deviation " + name + ".");
                    break;
            }
        }

        /// <summary>
        /// By default the answer has the deviation's undocumented status, which only it allows, with the body of the
        /// operation's documented 400; under Strict, <paramref name="strictStatus"/> and a conforming answer.
        /// </summary>
        private async Task AssertDeviationAsync(string name, string api, string method, string pathTemplate, int status, int strictStatus, Func<Task<HttpResponseMessage>> send)
        {
            var spec = api == ApiNames.Isc ? PublishedSpec.Isc : PublishedSpec.Nerm;
            emulator.Host.Options.Strict = false;
            using (var deviating = await send())
            {
                Assert.Equal(status, (int)deviating.StatusCode);
                Assert.True(Deviations.Named(name).Allows(api, method, pathTemplate, status));
                await AssertConformsAsync(api, method, pathTemplate, deviating);
            }

            emulator.Host.Options.Strict = true;
            using (var strict = await send())
            {
                Assert.Equal(strictStatus, (int)strict.StatusCode);
                Assert.Equal(!Deviations.Named(name).StrictTurnsOff, status == strictStatus);
                if (Deviations.Named(name).StrictTurnsOff) Assert.Contains(strictStatus, spec.Operations.Single(o => o.Method == method && o.PathTemplate == pathTemplate).Statuses);
                await AssertConformsAsync(api, method, pathTemplate, strict);
            }

            emulator.Host.Options.Strict = false;
        }

        /// <summary>Status documented (or allowed by an active deviation, judged then by the operation's 400 body), media type, body.</summary>
        private async Task AssertConformsAsync(string api, string method, string pathTemplate, HttpResponseMessage response)
        {
            var spec = api == ApiNames.Isc ? PublishedSpec.Isc : PublishedSpec.Nerm;
            var status = (int)response.StatusCode;
            var documented = spec.Operations.Single(o => o.Method == method && o.PathTemplate == pathTemplate).Statuses;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(
                documented.Contains(status) || Deviations.AllowStatus(emulator.Host.Options, api, method, pathTemplate, status),
                method + " " + pathTemplate + " answered " + status + ", which the spec does not list and no active deviation allows: " + body);
            var schemaStatus = documented.Contains(status) ? status : 400;

            var mediaTypes = spec.ResponseMediaTypes(pathTemplate, method, schemaStatus);
            if (mediaTypes.Count == 0)
            {
                Assert.Equal("", body);
                return;
            }

            Assert.Contains(response.Content.Headers.ContentType?.MediaType, mediaTypes);
            var violations = spec.Response(pathTemplate, method, schemaStatus).Validate(body);
            Assert.True(violations.Count == 0, method + " " + pathTemplate + " " + status + ": " + string.Join("; ", violations) + "\n" + body);
        }

        // ---- the requests that produce each documented answer ----------------------------------------------

        private Task<HttpResponseMessage> DriveAsync(string api, string prefix, string method, string pathTemplate, int status, bool strict) =>
            api == ApiNames.Isc ? DriveIscAsync(prefix, method, pathTemplate, status) : DriveNermAsync(method, pathTemplate, status, strict);

        /// <summary>The next request of the API fails with <paramref name="status"/>, in the API's own envelope.</summary>
        private void Force(string api, int status) => emulator.Host.Faults.Add(new FaultRule { Api = api, Status = status, Count = 1 });

        private async Task<HttpResponseMessage> DriveIscAsync(string prefix, string method, string pathTemplate, int status)
        {
            var source = status == 404 ? UnknownSource : Source;
            var (usageType, body) = (method, pathTemplate) switch
            {
                ("GET", IscPaths.PoliciesTemplate) => (null, null),
                ("POST", IscPaths.PoliciesTemplate) => (null, status == 400 ? """{"name":"Enable","usageType":"ENABLE","description":42}""" : """{"name":"Enable","usageType":"ENABLE","fields":[]}"""),
                ("GET", IscPaths.PolicyTemplate) => (status == 400 ? "NOT_A_USAGE_TYPE" : "CREATE", null),
                ("PUT", IscPaths.PolicyTemplate) => ("CREATE", status == 400 ? """{"name":"Replaced","fields":[{"name":"x","transform":"identityAttribute"}]}""" : """{"name":"Replaced","description":"whole","fields":[]}"""),
                ("PATCH", IscPaths.PolicyTemplate) => ("CREATE", status == 400 ? """[{"op":"replace","path":"/fields/0/name","value":null}]""" : """[{"op":"replace","path":"/description","value":"conforming"}]"""),
                ("DELETE", IscPaths.PolicyTemplate) => (status == 400 ? "NOT_A_USAGE_TYPE" : "DISABLE", null),
                ("POST", IscPaths.BulkUpdateTemplate) => (null, status == 400 ? """[{"name":"Update","usageType":"UPDATE","description":false}]""" : """[{"name":"Update","usageType":"UPDATE","fields":[]},{"name":"Disable","usageType":"DISABLE"}]"""),
                _ => throw new InvalidOperationException("No request drives " + method + " " + pathTemplate + "."),
            };
            var path = prefix + pathTemplate.Replace("{sourceId}", source).Replace("{usageType}", usageType);
            var contentType = method == "PATCH" ? IscPolicyEndpoints.JsonPatchMediaType : "application/json";
            var token = status switch
            {
                401 => "unknown-or-expired",
                403 => await TokenAsync(Helpdesk, HelpdeskSecret),
                _ => await TokenAsync(EmulatorOptions.IscDemoClientId, EmulatorOptions.IscDemoClientSecret),
            };
            if (status == 429)
            {
                emulator.Host.Options.Isc.RateLimitRequests = 1;
                emulator.Host.Options.Isc.RateLimitWindowSeconds = 60;
                (await SendAsync(new HttpMethod(method), path, token, body, contentType)).Dispose();
            }

            // A list takes no input to refuse: its 400, like every 500, is a forced one.
            if (status == 500 || (status == 400 && method == "GET" && pathTemplate == IscPaths.PoliciesTemplate)) Force(ApiNames.Isc, status);

            return await SendAsync(new HttpMethod(method), path, token, body, contentType);
        }

        private Task<HttpResponseMessage> DriveNermAsync(string method, string pathTemplate, int status, bool strict)
        {
            var bad = status == 400;
            if (status == 500) Force(ApiNames.Nerm, 500);
            var session = NermSeedData.ExampleSessionId;
            switch (method, pathTemplate)
            {
                case ("GET", NermPaths.Sessions):
                    return NermAsync(HttpMethod.Get, "api/workflow_sessions?limit=" + (bad ? "0" : "6&offset=1&metadata=true"));
                case ("POST", NermPaths.Sessions):
                    var requester = bad ? "" : "\"requester_type\":\"User\",";
                    return NermAsync(HttpMethod.Post, "api/workflow_sessions", "{\"workflow_session\":{\"workflow_id\":\"" + NermSeedData.WorkflowId + "\",\"requester_id\":\"" + NermSeedData.RequesterId + "\"," + requester + "\"attributes\":{\"text_attribute_uid\":\"static text\"}}}");
                case ("GET", NermPaths.Session):
                    // By default an unknown id is a 404 (a deviation); a 400 is then a forced one.
                    if (bad && !strict) Force(ApiNames.Nerm, 400);
                    return NermAsync(HttpMethod.Get, "api/workflow_sessions/" + (bad && strict ? UnknownSession : session));
                case ("PATCH", NermPaths.Session):
                    return NermAsync(HttpMethod.Patch, "api/workflow_sessions/" + session, "{\"workflow_session\":{\"status\":\"" + (bad ? "Completed" : "completed") + "\"}}");
                default:
                    throw new InvalidOperationException("No request drives " + method + " " + pathTemplate + ".");
            }
        }

        private static string PolicyPath(string prefix, string source, string usageType) =>
            prefix + IscPaths.PolicyTemplate.Replace("{sourceId}", source).Replace("{usageType}", usageType);

        private async Task<HttpResponseMessage> IscAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json") =>
            await SendAsync(method, path, await TokenAsync(EmulatorOptions.IscDemoClientId, EmulatorOptions.IscDemoClientSecret), body, contentType);

        private Task<HttpResponseMessage> NermAsync(HttpMethod method, string path, string? body = null, string key = NermEmulatorOptions.DemoApiKeyDefault) =>
            SendAsync(method, path, key, body, "application/json");

        private async Task<string> TokenAsync(string clientId, string secret)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
            using var response = await emulator.Http.PostAsync("oauth/token", form);
            return (string)JObject.Parse(await response.Content.ReadAsStringAsync())["access_token"]!;
        }

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string? body, string contentType)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body != null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            var response = await emulator.Http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }

        /// <summary>One emulator for the whole suite, with a client that lacks the rights (for the 403s); each test resets it.</summary>
        public sealed class SharedEmulator : IAsyncLifetime
        {
            public EmulatorHost Host { get; private set; } = null!;

            public HttpClient Http { get; private set; } = null!;

            public async Task InitializeAsync()
            {
                Host = await EmulatorHost.StartAsync();
                Host.Options.IscClients.Add(new IscClient { ClientId = Helpdesk, ClientSecret = HelpdeskSecret, UserLevel = "HELPDESK" });
                Http = new HttpClient { BaseAddress = Host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
            }

            public async Task DisposeAsync()
            {
                Http.Dispose();
                await Host.DisposeAsync();
            }
        }
    }
}
