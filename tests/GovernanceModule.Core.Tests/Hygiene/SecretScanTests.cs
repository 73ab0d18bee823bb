using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Nerm;
using GovernanceModule.Core.Tests.Isc;
using GovernanceModule.Core.Tests.Nerm;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Hygiene
{
    /// <summary>
    /// Every Core operation the cmdlets use, through success and each error path, with everything a
    /// user could see collected (trace lines, exceptions, results, connections) and scanned for the passwords, the
    /// API key, the client secrets, every access token the emulator issued and the Basic header value: 0 hits.
    /// </summary>
    public sealed class SecretScanTests : IAsyncLifetime
    {
        private const string WrongOigPassword = "Wrong-Passw0rd-7731!";
        private const string WrongNermKey = "nerm-wrong-api-key-7731";
        private const string WrongClientSecret = "Wrong-Client-Secret-7731";
        private const string ReaderClientId = "isc-reader-client";
        private const string ReaderClientSecret = "Reader-Client-Secret-0002";
        private const string Html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy got no answer.</p></body></html>";
        private const string HtmlOk = "<html><body><h1>Please sign in</h1><form action=\"/login\"></form></body></html>";

        private static readonly string Source = IscSeedData.ExampleSourceId;

        private readonly Exposure exposure = new Exposure();
        private readonly List<string> mismatches = new List<string>();
        private EmulatorHost emulator = null!;
        private int scenarios;

        public async Task InitializeAsync()
        {
            var options = new EmulatorOptions();
            options.IscClients.Add(new IscClient { ClientId = ReaderClientId, ClientSecret = ReaderClientSecret, Scopes = new List<string> { "idn:provisioning-policy:read" } });
            emulator = await EmulatorHost.StartAsync(options);
        }

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task Oig_operations_show_no_password_in_any_outcome()
        {
            using var good = OigTestConnections.Demo(emulator);
            using var wrong = OigTestConnections.Connect(emulator.BaseUri, EmulatorOptions.OigDemoUserName, WrongOigPassword);
            using var auditor = OigTestConnections.Connect(emulator.BaseUri, EmulatorOptions.OigAuditorUserName, EmulatorOptions.OigAuditorPassword);
            using var slow = OigTestConnections.Demo(emulator, timeout: TimeSpan.FromMilliseconds(250));
            using var closed = OigTestConnections.Connect(new Uri("http://127.0.0.1:" + FreePort()), EmulatorOptions.OigDemoUserName, EmulatorOptions.OigDemoPassword);
            var client = new ProvTaskClient(good, exposure);

            await OigPathsAsync("success", null, client);
            Scenario("OIG success / bulk with per-task failures");
            await Expect(ApiFailure.Rejected, async () => await client.UpdateAsync(new[] { Note("3016"), ProvTaskUpdate.Create("30", ProvTaskAction.Retry), Note("424242") }, CancellationToken.None));
            await OigPathsAsync("wrong password", ApiFailure.Unauthorized, new ProvTaskClient(wrong, exposure));

            Scenario("OIG 403 (auditor) / single PUT");
            await Expect(ApiFailure.Forbidden, async () => await new ProvTaskClient(auditor, exposure).UpdateOneAsync(Note("6"), CancellationToken.None));
            Scenario("OIG 403 (auditor) / bulk PUT");
            await Expect(ApiFailure.Forbidden, async () => await new ProvTaskClient(auditor, exposure).UpdateAsync(new[] { Note("6"), Note("3016") }, CancellationToken.None));

            Scenario("OIG 404 / GET task");
            await Expect(ApiFailure.NotFound, async () => await client.GetAsync("424242", CancellationToken.None));
            Scenario("OIG 404 / single PUT");
            await Expect(ApiFailure.NotFound, async () => await client.UpdateOneAsync(Note("424242"), CancellationToken.None));

            await OigFaultAsync("400", ApiFailure.BadRequest, new FaultRule { Api = ApiNames.Oig, Status = 400 }, client);
            await OigFaultAsync("429 exhausted", ApiFailure.Throttled, new FaultRule { Api = ApiNames.Oig, Status = 429, RetryAfterSeconds = 0 }, client);
            await OigFaultAsync("500", ApiFailure.ServerError, new FaultRule { Api = ApiNames.Oig, Status = 500 }, client);
            await OigFaultAsync("HTML 502 page", ApiFailure.ServerError, new FaultRule { Api = ApiNames.Oig, Status = 502, Body = Html, ContentType = "text/html" }, client, notIdempotentFailure: ApiFailure.OutcomeUnknown);
            await OigFaultAsync("HTML 200 page", ApiFailure.UnexpectedResponse, new FaultRule { Api = ApiNames.Oig, Status = 200, Body = HtmlOk, ContentType = "text/html" }, client);
            await OigFaultAsync("dropped connection", null, new FaultRule { Api = ApiNames.Oig, Mode = FaultMode.DropBeforeProcessing }, client);
            await OigFaultAsync("timeout", ApiFailure.Timeout, new FaultRule { Api = ApiNames.Oig, LatencyMs = 2000 }, new ProvTaskClient(slow, exposure));
            await OigPathsAsync("refused connection", ApiFailure.Unreachable, new ProvTaskClient(closed, exposure));

            foreach (var (name, connection) in new[] { ("good", good), ("wrong", wrong), ("auditor", auditor), ("slow", slow), ("closed", closed) })
            {
                exposure.Scenario = "OIG connection " + name;
                exposure.AddConnection("connection", connection);
            }

            await AssertNoSecretAsync(minimumScenarios: 20);
        }

        [Fact]
        public async Task Nerm_operations_show_no_key_secret_or_token_in_any_outcome()
        {
            using var apiKey = NermTestConnections.ApiKey(emulator);
            using var wrongKey = NermTestConnections.ApiKey(emulator, WrongNermKey);
            using var isc = NermTestConnections.ClientCredentials(emulator);
            using var wrongSecret = NermTestConnections.ClientCredentials(emulator, WrongClientSecret);
            using var slow = NermTestConnections.ApiKey(emulator, timeout: TimeSpan.FromMilliseconds(250));
            var client = new WorkflowSessionClient(apiKey, exposure);
            var viaIsc = new WorkflowSessionClient(isc, exposure);

            await NermPathsAsync("success (API key)", null, client);
            await NermPathsAsync("success (ISC client credentials)", null, viaIsc);
            Scenario("NERM token refresh after 401 (expired token)");
            await ExpireTokensAsync();
            await Expect(null, async () => await viaIsc.GetAsync(NermSeedData.ExampleSessionId, CancellationToken.None));
            Assert.True(isc.TokensFetched >= 2, "the expired token should have been renewed");

            await NermPathsAsync("wrong API key", ApiFailure.Unauthorized, new WorkflowSessionClient(wrongKey, exposure));
            await NermPathsAsync("wrong client secret", ApiFailure.Unauthorized, new WorkflowSessionClient(wrongSecret, exposure));

            Scenario("NERM 404 / GET session");
            await Expect(ApiFailure.NotFound, async () => await client.GetAsync("5f1b0b0e-0000-4000-8000-00000000beef", CancellationToken.None));
            Scenario("NERM 404 / PATCH");
            await Expect(ApiFailure.NotFound, async () => await client.UpdateAsync(Session("5f1b0b0e-0000-4000-8000-00000000beef"), CancellationToken.None));

            await NermFaultAsync("400", ApiFailure.BadRequest, new FaultRule { Api = ApiNames.Nerm, Status = 400 }, client);
            await NermFaultAsync("403", ApiFailure.Forbidden, new FaultRule { Api = ApiNames.Nerm, Status = 403 }, client);
            await NermFaultAsync("429 exhausted", ApiFailure.Throttled, new FaultRule { Api = ApiNames.Nerm, Status = 429, RetryAfterSeconds = 0 }, client);
            await NermFaultAsync("500", ApiFailure.ServerError, new FaultRule { Api = ApiNames.Nerm, Status = 500 }, viaIsc);
            await NermFaultAsync("HTML 502 page", ApiFailure.ServerError, new FaultRule { Api = ApiNames.Nerm, Status = 502, Body = Html, ContentType = "text/html" }, client, notIdempotentFailure: ApiFailure.OutcomeUnknown);
            await NermFaultAsync("HTML 200 page", ApiFailure.UnexpectedResponse, new FaultRule { Api = ApiNames.Nerm, Status = 200, Body = HtmlOk, ContentType = "text/html" }, viaIsc);
            await NermFaultAsync("dropped connection", null, new FaultRule { Api = ApiNames.Nerm, Mode = FaultMode.DropBeforeProcessing }, client);
            await NermFaultAsync("timeout", ApiFailure.Timeout, new FaultRule { Api = ApiNames.Nerm, LatencyMs = 2000 }, new WorkflowSessionClient(slow, exposure));

            // The ISC token endpoint failing under a NERM connection that uses client credentials (new connections: no token cached).
            foreach (var (name, failure, rule) in TokenEndpointFaults())
            {
                using var fresh = NermTestConnections.ClientCredentials(emulator);
                await NermFaultAsync("token endpoint " + name, failure, rule, new WorkflowSessionClient(fresh, exposure));
                exposure.AddConnection("connection", fresh);
            }

            foreach (var (name, connection) in new[] { ("API key", apiKey), ("wrong key", wrongKey), ("ISC client", isc), ("wrong secret", wrongSecret), ("slow", slow) })
            {
                exposure.Scenario = "NERM connection " + name;
                exposure.AddConnection("connection", connection);
            }

            await AssertNoSecretAsync(minimumScenarios: 30);
        }

        [Fact]
        public async Task Isc_operations_show_no_secret_or_token_in_any_outcome()
        {
            using var good = IscTestConnections.Demo(emulator);
            using var wrong = IscTestConnections.Connect(emulator, EmulatorOptions.IscDemoClientId, WrongClientSecret);
            using var reader = IscTestConnections.Connect(emulator, ReaderClientId, ReaderClientSecret);
            using var slow = new IscConnection(emulator.BaseUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), new ApiClientOptions { Retry = OigTestConnections.FastRetry(), Timeout = TimeSpan.FromMilliseconds(250) }, 0);
            var client = new ProvisioningPolicyClient(good, exposure);

            await IscPathsAsync("success", null, good);
            Scenario("ISC token refresh after 401 (expired token)");
            await ExpireTokensAsync();
            await Expect(null, async () => await client.GetAsync(Source, "CREATE", CancellationToken.None));
            Assert.True(good.TokensFetched >= 2, "the expired token should have been renewed");

            await IscPathsAsync("wrong client secret", ApiFailure.Unauthorized, wrong);

            Scenario("ISC 400 / PATCH of a field that is not there");
            await Expect(ApiFailure.BadRequest, async () => await EditAsync(client, PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("remove", "/fields/7") })));
            Scenario("ISC 403 (read-only client) / PATCH");
            await Expect(ApiFailure.Forbidden, async () => await EditAsync(new ProvisioningPolicyClient(reader, exposure), Describe("forbidden")));
            Scenario("ISC 404 / GET policy");
            await Expect(ApiFailure.NotFound, async () => await client.GetAsync(Source, "ENABLE", CancellationToken.None));

            await IscFaultAsync("429 exhausted", ApiFailure.Throttled, new FaultRule { Api = ApiNames.Isc, PathPrefix = "/v3", Status = 429, RetryAfterSeconds = 0 }, good);
            await IscFaultAsync("500", ApiFailure.ServerError, new FaultRule { Api = ApiNames.Isc, PathPrefix = "/v3", Status = 500 }, good);
            await IscFaultAsync("HTML 502 page", ApiFailure.ServerError, new FaultRule { Api = ApiNames.Isc, PathPrefix = "/v3", Status = 502, Body = Html, ContentType = "text/html" }, good, notIdempotentFailure: ApiFailure.OutcomeUnknown);
            await IscFaultAsync("HTML 200 page", ApiFailure.UnexpectedResponse, new FaultRule { Api = ApiNames.Isc, PathPrefix = "/v3", Status = 200, Body = HtmlOk, ContentType = "text/html" }, good);
            await IscFaultAsync("dropped connection", null, new FaultRule { Api = ApiNames.Isc, PathPrefix = "/v3", Mode = FaultMode.DropBeforeProcessing }, good);
            await IscFaultAsync("timeout", ApiFailure.Timeout, new FaultRule { Api = ApiNames.Isc, PathPrefix = "/v3", LatencyMs = 2000 }, slow);

            foreach (var (name, failure, rule) in TokenEndpointFaults())
            {
                using var fresh = IscTestConnections.Demo(emulator);
                await IscFaultAsync("token endpoint " + name, failure, rule, fresh);
                exposure.AddConnection("connection", fresh);
            }

            foreach (var (name, connection) in new[] { ("good", good), ("wrong", wrong), ("reader", reader), ("slow", slow) })
            {
                exposure.Scenario = "ISC connection " + name;
                exposure.AddConnection("connection", connection);
            }

            await AssertNoSecretAsync(minimumScenarios: 30);
        }

        [Fact]
        public void Connections_show_the_user_or_client_and_the_url()
        {
            using var oig = OigTestConnections.Demo(emulator);
            using var nermKey = NermTestConnections.ApiKey(emulator);
            using var nermIsc = NermTestConnections.ClientCredentials(emulator);
            using var isc = IscTestConnections.Demo(emulator);
            var host = emulator.BaseUri.Authority;

            Assert.Contains(EmulatorOptions.OigDemoUserName, oig.ToString());
            Assert.Contains(host, oig.ToString());
            Assert.Contains(host, nermKey.ToString());
            Assert.Contains(EmulatorOptions.IscDemoClientId, nermIsc.ToString());
            Assert.Contains(host, nermIsc.ToString());
            Assert.Contains(EmulatorOptions.IscDemoClientId, isc.ToString());
            Assert.Contains(host, isc.ToString());

            exposure.Scenario = "ToString";
            foreach (var connection in new object[] { oig, nermKey, nermIsc, isc })
            {
                exposure.AddConnection(connection.GetType().Name, connection);
            }

            Assert.Empty(exposure.Hits(StaticSecrets()));
        }

        [Fact]
        public void A_uri_that_holds_a_password_is_refused_without_repeating_it()
        {
            var withPassword = new UriBuilder(emulator.BaseUri) { UserName = EmulatorOptions.OigDemoUserName, Password = EmulatorOptions.OigDemoPassword }.Uri;
            var secret = OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret);
            var environment = new Dictionary<string, string?>
            {
                [NermConnectionRequest.UriVariable] = withPassword.AbsoluteUri,
                [NermConnectionRequest.TokenVariable] = NermEmulatorOptions.DemoApiKeyDefault,
                [IscConnectionRequest.BaseUrlVariable] = withPassword.AbsoluteUri,
                [IscConnectionRequest.ClientIdVariable] = EmulatorOptions.IscDemoClientId,
                [IscConnectionRequest.ClientSecretVariable] = EmulatorOptions.IscDemoClientSecret,
            };
            string? Read(string name) => environment.TryGetValue(name, out var value) ? value : null;

            var refusals = new Exception[]
            {
                Assert.Throws<ArgumentException>(() => new OigConnection(withPassword, EmulatorOptions.OigDemoUserName, OigTestConnections.Secure(EmulatorOptions.OigDemoPassword))),
                Assert.Throws<ArgumentException>(() => new NermConnection(withPassword, secret)),
                Assert.Throws<ArgumentException>(() => new NermConnection(emulator.BaseUri, withPassword, EmulatorOptions.IscDemoClientId, secret)),
                Assert.Throws<ArgumentException>(() => new IscConnection(withPassword, EmulatorOptions.IscDemoClientId, secret)),
                Assert.Throws<InputValidationException>(() => new NermConnectionRequest().Connect(Read, new ApiClientOptions())),
                Assert.Throws<InputValidationException>(() => new IscConnectionRequest().Connect(Read, new ApiClientOptions())),
            };

            exposure.Scenario = "URI with a password";
            foreach (var refusal in refusals)
            {
                Assert.Contains("must not hold a user name or password", refusal.Message);
                exposure.AddException("refusal", refusal);
            }

            Assert.Empty(exposure.Hits(StaticSecrets()));
        }

        [Fact]
        public void The_scan_finds_a_secret_wherever_it_is_shown()
        {
            var canary = new Exposure { Scenario = "canary" };
            canary.Debug("Authorization: Basic " + Exposure.Basic(EmulatorOptions.OigDemoUserName, EmulatorOptions.OigDemoPassword));
            canary.AddException("exception", new InvalidOperationException("outer", new ApiException(ApiFailure.BadRequest, "inner", responseBody: "password=" + Uri.EscapeDataString(EmulatorOptions.OigDemoPassword))));
            canary.AddObject("result", new { Nested = new { Key = NermEmulatorOptions.DemoApiKeyDefault } });

            var hits = canary.Hits(StaticSecrets());

            Assert.Contains(hits, h => h.StartsWith("secret 'Basic user:password' in canary / Debug", StringComparison.Ordinal));
            Assert.Contains(hits, h => h.StartsWith("secret 'OIG password (URL-encoded)' in canary / exception inner 1 ApiException.ResponseBody", StringComparison.Ordinal));
            Assert.Contains(hits, h => h.StartsWith("secret 'NERM API key' in canary / result as JSON", StringComparison.Ordinal));
            Assert.DoesNotContain(hits, h => h.Contains(EmulatorOptions.OigDemoPassword, StringComparison.Ordinal));
        }

        // ---- OIG ----

        private async Task OigPathsAsync(string name, ApiFailure? failure, ProvTaskClient client)
        {
            Scenario("OIG " + name + " / connect check (GET page)");
            await Expect(failure, async () => await client.GetPageAsync(null, 1, 1, CancellationToken.None));
            Scenario("OIG " + name + " / GET pages");
            await Expect(failure, async () =>
            {
                var first = await client.GetPageAsync("Status.Category eq Rejected", 1, 3, CancellationToken.None);
                return new object[] { first, await client.GetPageAsync("Status.Category eq Rejected", first.NextOffset, 3, CancellationToken.None) };
            });
            Scenario("OIG " + name + " / GET task");
            await Expect(failure, async () => await client.GetAsync("6", CancellationToken.None));
            Scenario("OIG " + name + " / single PUT");
            await Expect(failure, async () => await client.UpdateOneAsync(Note("6"), CancellationToken.None));
            Scenario("OIG " + name + " / bulk PUT");
            await Expect(failure, async () => await client.UpdateAsync(new[] { Note("6"), Note("3016") }, CancellationToken.None));
        }

        private async Task OigFaultAsync(string name, ApiFailure? failure, FaultRule rule, ProvTaskClient client, ApiFailure? notIdempotentFailure = null)
        {
            emulator.Reset();
            emulator.Faults.Add(rule);
            Scenario("OIG " + name + " / GET page");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.GetPageAsync(null, 1, 5, CancellationToken.None));
            Scenario("OIG " + name + " / GET task");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.GetAsync("6", CancellationToken.None));
            Scenario("OIG " + name + " / single PUT (retry: not idempotent)");
            await Expect(notIdempotentFailure ?? failure ?? ApiFailure.OutcomeUnknown, async () => await client.UpdateOneAsync(ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), CancellationToken.None));
            Scenario("OIG " + name + " / bulk PUT");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.UpdateAsync(new[] { Note("6"), Note("3016") }, CancellationToken.None));
            emulator.Reset();
        }

        private static ProvTaskUpdate Note(string taskId) => ProvTaskUpdate.From(new ProvTaskInput { TaskId = taskId, Note = "scan note" });

        // ---- NERM ----

        private async Task NermPathsAsync(string name, ApiFailure? failure, WorkflowSessionClient client)
        {
            Scenario("NERM " + name + " / connect check (GET page)");
            await Expect(failure, async () => await client.GetPageAsync(WorkflowSessionFilter.None, 0, 1, CancellationToken.None));
            Scenario("NERM " + name + " / GET pages");
            await Expect(failure, async () =>
            {
                var first = await client.GetPageAsync(WorkflowSessionFilter.None, 0, 3, CancellationToken.None);
                return new object[] { first, await client.GetPageAsync(WorkflowSessionFilter.None, first.NextOffset, 3, CancellationToken.None) };
            });
            Scenario("NERM " + name + " / GET session");
            await Expect(failure, async () => await client.GetAsync(NermSeedData.ExampleSessionId, CancellationToken.None));
            Scenario("NERM " + name + " / PATCH");
            await Expect(failure, async () => await client.UpdateAsync(Session(NermSeedData.ExampleSessionId), CancellationToken.None));
        }

        private async Task NermFaultAsync(string name, ApiFailure? failure, FaultRule rule, WorkflowSessionClient client, ApiFailure? notIdempotentFailure = null)
        {
            emulator.Reset();
            emulator.Faults.Add(rule);
            Scenario("NERM " + name + " / GET page");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.GetPageAsync(WorkflowSessionFilter.None, 0, 2, CancellationToken.None));
            Scenario("NERM " + name + " / GET session");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.GetAsync(NermSeedData.ExampleSessionId, CancellationToken.None));
            Scenario("NERM " + name + " / PATCH");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.UpdateAsync(Session(NermSeedData.ExampleSessionId), CancellationToken.None));
            Scenario("NERM " + name + " / PATCH with run (not idempotent)");
            await Expect(notIdempotentFailure ?? failure ?? ApiFailure.OutcomeUnknown, async () => await client.UpdateAsync(Session(NermSeedData.GeneratedId(2), run: true), CancellationToken.None));
            emulator.Reset();
        }

        private static WorkflowSessionUpdate Session(string id, bool run = false) =>
            WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = id, Status = "approved", Run = run });

        // ---- ISC ----

        private async Task IscPathsAsync(string name, ApiFailure? failure, IscConnection connection)
        {
            var client = new ProvisioningPolicyClient(connection, exposure);
            Scenario("ISC " + name + " / connect check (token)");
            await Expect(failure, async () =>
            {
                await connection.VerifyAsync(exposure, CancellationToken.None);
                return null;
            });
            Scenario("ISC " + name + " / GET policy");
            await Expect(failure, async () => await client.GetAsync(Source, "CREATE", CancellationToken.None));
            Scenario("ISC " + name + " / GET list");
            await Expect(failure, async () => await client.ListAsync(Source, CancellationToken.None));
            Scenario("ISC " + name + " / plan and PATCH");
            await Expect(failure, async () => await EditAsync(client, Describe(name)));
            Scenario("ISC " + name + " / PATCH of written operations");
            await Expect(failure, async () => await client.ApplyAsync(
                await client.PlanAsync(PolicyEdit.WithOperations(Source, "UPDATE", false, new[] { Op("replace", "/description", "ops " + name) }), CancellationToken.None),
                CancellationToken.None));
        }

        private async Task IscFaultAsync(string name, ApiFailure? failure, FaultRule rule, IscConnection connection, ApiFailure? notIdempotentFailure = null)
        {
            emulator.Reset();
            emulator.Faults.Add(rule);
            var client = new ProvisioningPolicyClient(connection, exposure);
            Scenario("ISC " + name + " / GET policy");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.GetAsync(Source, "CREATE", CancellationToken.None));
            Scenario("ISC " + name + " / GET list");
            await Expect(failure ?? ApiFailure.Unreachable, async () => await client.ListAsync(Source, CancellationToken.None));
            Scenario("ISC " + name + " / PATCH (an add: not idempotent)");
            await Expect(notIdempotentFailure ?? failure ?? ApiFailure.OutcomeUnknown, async () => await client.ApplyAsync(
                await client.PlanAsync(PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("add", "/fields/-", new System.Collections.Hashtable { ["name"] = "mail" }) }), CancellationToken.None),
                CancellationToken.None));
            emulator.Reset();
        }

        private static System.Collections.IDictionary Op(string op, string path, object? value = null)
        {
            var operation = new System.Collections.Specialized.OrderedDictionary { ["op"] = op, ["path"] = path };
            if (value != null)
            {
                operation["value"] = value;
            }

            return operation;
        }

        private static PolicyEdit Describe(string text) => PolicyEdit.WithChanges(Source, "CREATE", false, new PolicyChanges().WithDescription("scan " + text));

        private static async Task<ProvisioningPolicyOutcome> EditAsync(ProvisioningPolicyClient client, PolicyEdit edit) =>
            await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);

        /// <summary>POST /oauth/token answering 401, 500, a proxy's HTML page with 200, and truncated JSON with 200.</summary>
        private static IEnumerable<(string Name, ApiFailure Failure, FaultRule Rule)> TokenEndpointFaults()
        {
            FaultRule Token(int status, string? body = null, string? type = null) =>
                new FaultRule { Api = ApiNames.Isc, Method = "POST", PathPrefix = "/oauth/token", Status = status, Body = body, ContentType = type };
            yield return ("401", ApiFailure.Unauthorized, Token(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad credentials\"}"));
            yield return ("500", ApiFailure.ServerError, Token(500));
            yield return ("HTML 200 page", ApiFailure.UnexpectedResponse, Token(200, HtmlOk, "text/html"));
            yield return ("truncated 200", ApiFailure.UnexpectedResponse, Token(200, "{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJ4In0.c2lnbmF0dXJl\",\"token_type\":\"bea"));
        }

        // ---- shared ----

        private void Scenario(string name) => exposure.Scenario = name;

        /// <summary>Runs one operation, records all it shows, and checks it ended as expected (null: success).</summary>
        private async Task Expect(ApiFailure? expected, Func<Task<object?>> operation)
        {
            scenarios++;
            object? observed;
            try
            {
                observed = await operation();
                exposure.AddObject("result", observed);
            }
            catch (ApiException ex)
            {
                exposure.AddException("exception", ex);
                observed = ex;
            }
            catch (Exception ex)
            {
                exposure.AddException("exception", ex);
                mismatches.Add(exposure.Scenario + ": unhandled " + ex.GetType().Name + ": " + ex.Message);
                return;
            }

            var failures = Exposure.FailuresOf(observed);
            var met = expected == null ? failures.Count == 0 : failures.Contains(expected.Value);
            if (!met)
            {
                mismatches.Add(exposure.Scenario + ": expected " + (expected?.ToString() ?? "success") + ", got " + (failures.Count == 0 ? "success" : string.Join(", ", failures)));
            }
        }

        private async Task ExpireTokensAsync()
        {
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            using var response = await http.PostAsync("_emulator/isc/tokens/expire", null);
            Assert.Equal(204, (int)response.StatusCode);
        }

        private async Task<IReadOnlyList<string>> IssuedTokensAsync()
        {
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            var json = JObject.Parse(await http.GetStringAsync("_emulator/isc/tokens"));
            return json["accessTokens"]!.Select(t => (string)t!).ToList();
        }

        private static IEnumerable<KeyValuePair<string, string>> StaticSecrets()
        {
            var secrets = new List<KeyValuePair<string, string>>();
            void Add(string name, string value) => secrets.AddRange(Exposure.Forms(name, value));
            Add("OIG password", EmulatorOptions.OigDemoPassword);
            Add("OIG auditor password", EmulatorOptions.OigAuditorPassword);
            Add("wrong OIG password", WrongOigPassword);
            Add("Basic user:password", Exposure.Basic(EmulatorOptions.OigDemoUserName, EmulatorOptions.OigDemoPassword));
            Add("Basic auditor:password", Exposure.Basic(EmulatorOptions.OigAuditorUserName, EmulatorOptions.OigAuditorPassword));
            Add("Basic user:wrong password", Exposure.Basic(EmulatorOptions.OigDemoUserName, WrongOigPassword));
            Add("NERM API key", NermEmulatorOptions.DemoApiKeyDefault);
            Add("wrong NERM API key", WrongNermKey);
            Add("ISC client secret", EmulatorOptions.IscDemoClientSecret);
            Add("ISC reader client secret", ReaderClientSecret);
            Add("wrong client secret", WrongClientSecret);
            return secrets;
        }

        private async Task AssertNoSecretAsync(int minimumScenarios)
        {
            var secrets = StaticSecrets().ToList();
            var tokens = await IssuedTokensAsync();
            for (var i = 0; i < tokens.Count; i++)
            {
                secrets.Add(new KeyValuePair<string, string>("access token #" + (i + 1), tokens[i]));

                // The signature alone is as good as the token to nobody, but a token cut short in a message would still show it.
                secrets.Add(new KeyValuePair<string, string>("access token #" + (i + 1) + " signature", tokens[i].Substring(tokens[i].LastIndexOf('.') + 1)));
            }

            var hits = exposure.Hits(secrets);
            Assert.True(hits.Count == 0, hits.Count + " secret(s) shown:\n" + string.Join("\n", hits.Take(40)));
            Assert.True(mismatches.Count == 0, "paths that did not end as expected:\n" + string.Join("\n", mismatches));
            Assert.True(scenarios >= minimumScenarios, "only " + scenarios + " operations ran");
            Assert.True(exposure.VerboseLines > 0 && exposure.DebugLines > 0, "the trace should have been written to");
            Assert.True(exposure.Count > scenarios, "too little was collected to scan");
        }

        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
