using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Isc;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Isc;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Isc
{
    /// <summary>diff(current, desired) → JSON Patch → the emulator's own RFC 6902 code: the stored result must equal desired.</summary>
    public sealed class PolicyDiffTests : IAsyncLifetime
    {
        private const string Source = IscSeedData.SecondSourceId;
        private const string Current = """
            {"name":"Badge account","description":"Creates badge accounts","usageType":"CREATE","fields":[
              {"name":"a","transform":{"type":"static","attributes":{"value":"1"}},"attributes":{},"isRequired":false,"type":"string","isMultiValued":false},
              {"name":"b","transform":{},"attributes":{"template":"x"},"isRequired":true,"type":"string","isMultiValued":false},
              {"name":"c","attributes":{"list":["1","2","3"]},"type":"int"},
              {"name":"d","transform":{"type":"identityAttribute","attributes":{"name":"email"}},"type":"string"}]}
            """;

        private EmulatorHost emulator = null!;
        private IscConnection connection = null!;

        public async Task InitializeAsync()
        {
            emulator = await EmulatorHost.StartAsync();
            connection = IscTestConnections.Demo(emulator);
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            using var response = await http.PutAsync("_emulator/isc/policies/" + Source + "/CREATE", new StringContent(Current, Encoding.UTF8, "application/json"));
            Assert.Equal(204, (int)response.StatusCode);
        }

        public async Task DisposeAsync()
        {
            connection.Dispose();
            await emulator.DisposeAsync();
        }

        public static IEnumerable<object[]> Desired() =>
        [
            ["remove a field in the middle", Edit(p => ((JArray)p["fields"]!).RemoveAt(1))],
            ["remove two fields", Edit(p => { ((JArray)p["fields"]!).RemoveAt(3); ((JArray)p["fields"]!).RemoveAt(1); })],
            ["insert a field in front", Edit(p => ((JArray)p["fields"]!).Insert(0, JObject.Parse("""{"name":"z","type":"string"}""")))],
            ["reverse the fields", Edit(p => p["fields"] = new JArray(((JArray)p["fields"]!).Reverse()))],
            ["change nested members", Edit(p => { p["fields"]![3]!["transform"]!["attributes"]!["name"] = "mail"; p["fields"]![2]!["attributes"]!["list"] = new JArray("3", "1"); })],
            ["add and remove members", Edit(p => { p["fields"]![0]!["isRequired"]!.Parent!.Remove(); p["fields"]![2]!["isMultiValued"] = true; p.Remove("description"); })],
            ["member names with / and ~", Edit(p => p["fields"]![1]!["attributes"]!["a/b~c"] = "slash and tilde")],
            ["everything at once", Edit(p =>
            {
                p["name"] = "Renamed";
                p["description"] = "New";
                ((JArray)p["fields"]!).RemoveAt(0);
                ((JArray)p["fields"]!).Add(JObject.Parse("""{"name":"e","transform":{"type":"rule","attributes":{"name":"Generate"}},"attributes":{"k~":"v"},"isRequired":false,"type":"date","isMultiValued":true}"""));
                p["fields"]![0]!["type"] = "long";
            })],
        ];

        [Theory]
        [MemberData(nameof(Desired))]
        public async Task The_patch_of_a_diff_turns_the_current_policy_into_the_desired_one(string scenario, string desired)
        {
            var client = new ProvisioningPolicyClient(connection);
            var policy = PolicyJson.ToPolicy((JObject)IscJson.Parse(desired), Source);
            policy.AsRead = null;

            var outcome = await client.ApplyAsync(await client.PlanAsync(PolicyEdit.ToMatch(policy, false), CancellationToken.None), CancellationToken.None);

            Assert.True(outcome.Failure == null, scenario + ": " + outcome.Reason + "\n" + outcome.Result.Patch);
            var stored = PolicyJson.ToJson(await client.GetAsync(Source, "CREATE", CancellationToken.None));
            Assert.True(IscJson.JsonEquals(IscJson.Parse(desired), stored), scenario + "\nwanted " + desired + "\nstored " + stored.ToString(Newtonsoft.Json.Formatting.None) + "\npatch  " + outcome.Result.Patch);
            Assert.StartsWith("""[{"op":"test""", outcome.Result.Patch);
        }

        private static string Edit(Action<JObject> change)
        {
            var policy = (JObject)IscJson.Parse(Current);
            change(policy);
            return policy.ToString(Newtonsoft.Json.Formatting.None);
        }
    }
}
