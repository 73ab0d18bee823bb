using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Tests.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Isc
{
    /// <summary>The ISC policy client over real HTTP against the emulator: what the server received, what it stored, what the caller gets.</summary>
    public sealed class ProvisioningPolicyClientTests : IAsyncLifetime
    {
        private const string Source = IscSeedData.ExampleSourceId;

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
        public async Task Get_returns_the_typed_policy_and_List_all_of_the_source()
        {
            var policy = await client.GetAsync(Source, "CREATE", CancellationToken.None);
            var all = await client.ListAsync(Source, CancellationToken.None);

            Assert.Equal(Source, policy.SourceId);
            Assert.Equal("userName", Assert.Single(policy.Fields).Name);
            Assert.Equal(new[] { "CREATE", "UPDATE", "DISABLE" }, all.Select(p => p.UsageType));
            Assert.All(all, p => Assert.Equal(Source, p.SourceId));
            Assert.StartsWith("Bearer ***", Assert.Single(emulator.Journal.Entries("isc"), e => e.Path.EndsWith("/CREATE", StringComparison.Ordinal)).Headers["Authorization"]);
        }

        [Fact]
        public async Task Get_of_a_missing_policy_is_NotFound_with_the_servers_message_and_tracking_id()
        {
            var ex = await Assert.ThrowsAsync<IscApiException>(() => client.GetAsync(Source, "ENABLE", CancellationToken.None));

            Assert.Equal(ApiFailure.NotFound, ex.Failure);
            Assert.Contains("404 (404 Not found): The server did not find a current representation", ex.Message);
            Assert.Matches("^[0-9a-f]{32}$", ex.TrackingId);
            Assert.False(ex.IsTerminating);
        }

        public static IEnumerable<object[]> EachOp() =>
        [
            ["add", Op("add", "/fields/-", new Hashtable { ["name"] = "mail", ["type"] = "string" }), """{"fieldNames":["userName","mail"]}"""],
            ["remove", Op("remove", "/fields/0/attributes/cloudRequired"), """{"attributes":{"template":"${firstname}.${lastname}${uniqueCounter}","cloudMaxUniqueChecks":"50","cloudMaxSize":"20"}}"""],
            ["replace", Op("replace", "/description", "replaced"), """{"description":"replaced"}"""],
            ["move", Op("move", "/fields/0/attributes/pattern", from: "/fields/0/attributes/template"), """{"attributes":{"cloudMaxUniqueChecks":"50","cloudMaxSize":"20","cloudRequired":"true","pattern":"${firstname}.${lastname}${uniqueCounter}"}}"""],
            ["copy", Op("copy", "/fields/1", from: "/fields/0"), """{"fieldNames":["userName","userName"]}"""],
            ["test", Op("test", "/usageType", "CREATE"), """{"description":"this provisioning policy creates access based on an identity going inactive"}"""],
        ];

        [Theory]
        [MemberData(nameof(EachOp))]
        public async Task Each_op_is_sent_as_json_patch_and_applied(string op, IDictionary operation, string expected)
        {
            var outcome = await EditAsync(PolicyEdit.WithOperations(Source, "CREATE", false, new[] { operation }));

            Assert.Null(outcome.Failure);
            Assert.Equal(PolicyEditStatus.Updated, outcome.Result.Status);
            var patch = Assert.Single(emulator.Journal.Entries("isc"), e => e.Method == "PATCH");
            Assert.StartsWith("application/json-patch+json", patch.Headers["Content-Type"]);
            Assert.Equal(op, (string)JArray.Parse(patch.Body)[0]!["op"]!);

            var stored = PolicyJson.ToJson(await client.GetAsync(Source, "CREATE", CancellationToken.None));
            Assert.True(JToken.DeepEquals(stored, PolicyJson.ToJson(outcome.Result.Policy!)));
            var want = JObject.Parse(expected);
            if (want["fieldNames"] is JArray names) Assert.Equal(names.Select(n => (string)n!), stored["fields"]!.Select(f => (string)f["name"]!));
            if (want["attributes"] is JObject attributes) Assert.True(JToken.DeepEquals(attributes, stored["fields"]![0]!["attributes"]));
            if (want["description"] is JValue description) Assert.Equal((string)description!, (string)stored["description"]!);
        }

        [Fact]
        public async Task An_atomic_failure_changes_nothing_and_reports_the_failing_operation()
        {
            var edit = PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("replace", "/description", "half done"), Op("remove", "/fields/7") });

            var outcome = await EditAsync(edit);

            Assert.Equal(PolicyEditStatus.Failed, outcome.Result.Status);
            Assert.Equal(ApiFailure.BadRequest, outcome.Failure);
            Assert.Contains("Operation 1", outcome.Reason);
            Assert.Equal(((IItemOutcome)outcome).Failed!.TrackingId, outcome.Result.TrackingId);
            Assert.NotNull(outcome.Result.TrackingId);
            Assert.True(JToken.DeepEquals(JObject.Parse(IscSeedData.ExampleCreatePolicy), PolicyJson.ToJson(await client.GetAsync(Source, "CREATE", CancellationToken.None))));
        }

        [Fact]
        public async Task Named_changes_become_guarded_operations_matched_by_field_name()
        {
            var changes = new PolicyChanges()
                .WithDescription("Mail and display name")
                .SetField(new Hashtable { ["Name"] = "displayName", ["IsRequired"] = true }, "SetField 1")
                .SetField(new Hashtable { ["name"] = "department", ["type"] = "string", ["transform"] = new Hashtable { ["type"] = "identityAttribute", ["attributes"] = new Hashtable { ["name"] = "department" } } }, "SetField 2")
                .RemoveField("mail");

            var outcome = await EditAsync(PolicyEdit.WithChanges(Source, "update", false, changes));

            Assert.Equal(PolicyEditStatus.Updated, outcome.Result.Status);
            var sent = JArray.Parse(Assert.Single(emulator.Journal.Entries("isc"), e => e.Method == "PATCH").Body);
            Assert.Equal(new[] { "test", "test", "replace", "remove", "replace", "add" }, sent.Select(o => (string)o["op"]!));
            Assert.Equal(new[] { "/description", "/fields" }, sent.Take(2).Select(o => (string)o["path"]!));
            Assert.Equal("/fields/0/isRequired", (string)sent[4]!["path"]!);
            var policy = outcome.Result.Policy!;
            Assert.Equal("Mail and display name", policy.Description);
            Assert.Equal(new[] { "displayName", "department" }, policy.Fields.Select(f => f.Name));
            Assert.True(policy.Fields[0].IsRequired);
        }

        [Fact]
        public async Task A_change_to_a_member_the_policy_lacks_is_guarded_by_a_test_of_the_whole_policy()
        {
            var outcome = await EditAsync(PolicyEdit.WithChanges(Source, "DISABLE", false, new PolicyChanges().WithDescription("now described")));

            Assert.Equal(PolicyEditStatus.Updated, outcome.Result.Status);
            var sent = JArray.Parse(outcome.Result.Patch);
            Assert.Equal("""[{"op":"test","path":""},{"op":"add","path":"/description","value":"now described"}]""", new JArray(sent.Select(o => new JObject(((JObject)o).Properties().Where(p => p.Name != "value" || (string)o["op"]! != "test")))).ToString(Newtonsoft.Json.Formatting.None));
        }

        [Fact]
        public async Task Removing_a_field_the_policy_does_not_have_is_refused_naming_the_fields_it_has()
        {
            var ex = await Assert.ThrowsAsync<InputValidationException>(() => client.PlanAsync(PolicyEdit.WithChanges(Source, "CREATE", false, new PolicyChanges().RemoveField("mail")), CancellationToken.None));

            Assert.Contains("no field 'mail'", ex.Message);
            Assert.Contains("userName", ex.Message);
            Assert.Equal(0, emulator.Journal.Count("isc", "PATCH"));
        }

        [Fact]
        public async Task A_policy_changed_in_place_is_sent_as_the_minimal_guarded_patch()
        {
            var policy = await client.GetAsync(Source, "CREATE", CancellationToken.None);
            policy.Description = "x";
            policy.Fields[0].Attributes!["cloudMaxSize"] = "30";

            var outcome = await EditAsync(PolicyEdit.ToMatch(policy, false));

            Assert.Equal(PolicyEditStatus.Updated, outcome.Result.Status);
            var sent = JArray.Parse(outcome.Result.Patch);
            Assert.Equal(new[] { "test /description", "test /fields", "replace /description", "replace /fields/0/attributes/cloudMaxSize" }, sent.Select(o => o["op"] + " " + o["path"]).OrderBy(s => s.StartsWith("test", StringComparison.Ordinal) ? 0 : 1).ThenBy(s => s));
            Assert.True(JToken.DeepEquals(PolicyJson.ToJson(policy), PolicyJson.ToJson(outcome.Result.Policy!)));
        }

        [Fact]
        public async Task An_unchanged_policy_sends_no_patch()
        {
            var policy = await client.GetAsync(Source, "CREATE", CancellationToken.None);

            var outcome = await EditAsync(PolicyEdit.ToMatch(policy, false));

            Assert.Equal(PolicyEditStatus.Unchanged, outcome.Result.Status);
            Assert.True(outcome.Result.Succeeded);
            Assert.Equal(0, emulator.Journal.Count("isc", "PATCH"));
        }

        [Fact]
        public async Task A_policy_changed_by_someone_else_since_it_was_read_is_refused_before_sending()
        {
            var policy = await client.GetAsync(Source, "CREATE", CancellationToken.None);
            await SomeoneElseChangesAsync("UPDATE", "/description", "their change");
            await SomeoneElseChangesAsync("CREATE", "/description", "their change");
            policy.Fields[0].Type = "secret";

            var outcome = await EditAsync(PolicyEdit.ToMatch(policy, false));

            Assert.Equal(PolicyEditStatus.ChangedSinceRead, outcome.Result.Status);
            Assert.Contains("changed since it was read", outcome.Reason);
            Assert.Equal(2, emulator.Journal.Count("isc", "PATCH"));
            var stored = await client.GetAsync(Source, "CREATE", CancellationToken.None);
            Assert.Equal("their change", stored.Description);
            Assert.Equal("string", stored.Fields[0].Type);
        }

        [Fact]
        public async Task A_change_between_the_read_and_the_patch_fails_the_guards_and_overwrites_nothing()
        {
            var plan = await client.PlanAsync(PolicyEdit.WithChanges(Source, "UPDATE", false, new PolicyChanges().RemoveField("mail")), CancellationToken.None);
            await SomeoneElseChangesAsync("UPDATE", "/fields/0", null, op: "remove");

            var outcome = await client.ApplyAsync(plan, CancellationToken.None);

            Assert.Equal(PolicyEditStatus.ChangedSinceRead, outcome.Result.Status);
            Assert.Contains("/fields", outcome.Reason);
            Assert.Contains("nothing was overwritten", outcome.Reason);
            var stored = await client.GetAsync(Source, "UPDATE", CancellationToken.None);
            Assert.Equal(new[] { "displayName" }, stored.Fields.Select(f => f.Name));
        }

        [Fact]
        public async Task A_refused_token_is_renewed_once_and_the_edit_goes_through()
        {
            await client.GetAsync(Source, "CREATE", CancellationToken.None);
            emulator.Options.IscTokenLifetimeSeconds = 1;
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "PATCH", Status = 401, Count = 1 });

            var outcome = await EditAsync(PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("replace", "/description", "after refresh") }));

            Assert.Equal(PolicyEditStatus.Updated, outcome.Result.Status);
            Assert.Equal(2, connection.TokensFetched);
            Assert.Equal(2, emulator.Journal.Count("isc", "PATCH"));
        }

        [Fact]
        public async Task Credentials_refused_after_the_renewal_stop_the_whole_call()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "PATCH", Status = 401, Count = -1 });

            var ex = await Assert.ThrowsAsync<IscApiException>(() => EditAsync(PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("replace", "/description", "never") })));

            Assert.True(ex.IsTerminating);
            Assert.Contains("refused the token", ex.Message);
            Assert.DoesNotContain("Connect-IscTenant", ex.Message);
            Assert.DoesNotContain(EmulatorOptions.IscDemoClientSecret, ex.Message);
        }

        [Fact]
        public async Task A_server_error_is_a_failed_result_that_is_not_sent_twice()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "PATCH", Status = 500, Count = 1 });

            var outcome = await EditAsync(PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("add", "/fields/-", new Hashtable { ["name"] = "once" }) }));

            Assert.Equal(ApiFailure.ServerError, outcome.Failure);
            Assert.Contains("500.0 Internal Fault", outcome.Reason);
            Assert.Equal(1, emulator.Journal.Count("isc", "PATCH"));
        }

        [Fact]
        public async Task Neither_secret_nor_token_appears_in_the_trace()
        {
            var trace = new RecordingTrace();
            await new ProvisioningPolicyClient(connection, trace).GetAsync(Source, "CREATE", CancellationToken.None);

            var lines = trace.VerboseLines.Concat(trace.DebugLines).ToList();
            Assert.Contains(lines, l => l.Contains("GET") && l.Contains("provisioning-policies/CREATE"));
            Assert.DoesNotContain(lines, l => l.Contains(EmulatorOptions.IscDemoClientSecret) || l.Contains("eyJ"));
            Assert.DoesNotContain(EmulatorOptions.IscDemoClientSecret, connection.ToString());
        }

        internal static IDictionary Op(string op, string path, object? value = null, string? from = null)
        {
            var operation = new OrderedDictionary { ["op"] = op, ["path"] = path };
            if (value != null || op == "replace" || op == "add" || op == "test") operation["value"] = value;
            if (from != null) operation["from"] = from;
            return operation;
        }

        private async Task<ProvisioningPolicyOutcome> EditAsync(PolicyEdit edit) =>
            await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);

        /// <summary>Another admin's edit, sent with a plain HttpClient and its own token.</summary>
        private async Task SomeoneElseChangesAsync(string usageType, string path, string? value, string op = "replace")
        {
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = EmulatorOptions.IscDemoClientId, ["client_secret"] = EmulatorOptions.IscDemoClientSecret });
            var token = (string)JObject.Parse(await (await http.PostAsync("oauth/token", form)).Content.ReadAsStringAsync())["access_token"]!;
            var operation = new JObject { ["op"] = op, ["path"] = path };
            if (value != null) operation["value"] = value;
            using var request = new HttpRequestMessage(HttpMethod.Patch, "v3/sources/" + Source + "/provisioning-policies/" + usageType)
            {
                Content = new StringContent(new JArray(operation).ToString(), Encoding.UTF8, "application/json-patch+json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }
    }
}
