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
using GovernanceModule.Emulator.Specs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>
    /// The patch documents the ISC client sends, against SailPoint's own OpenAPI schema (the emulator's Specs/): a
    /// misreading of the contract shared by client and emulator fails here. The emulator's answers are held to the
    /// spec by <see cref="SpecConformanceTests"/>.
    /// </summary>
    public sealed class IscConformanceTests : IAsyncLifetime
    {
        private const string PolicyPath = "/sources/{sourceId}/provisioning-policies/{usageType}";
        private const string Source = IscSeedData.ExampleSourceId;

        private static readonly PublishedSpec Schema = PublishedSpec.Isc;

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

        private async Task EditAsync(PolicyEdit edit)
        {
            var outcome = await client.ApplyAsync(await client.PlanAsync(edit, CancellationToken.None), CancellationToken.None);
            Assert.True(outcome.Failure == null, outcome.Reason);
        }
    }
}
