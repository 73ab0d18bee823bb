using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Tests.Nerm;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Nerm;
using GovernanceModule.Emulator.Specs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>
    /// What the client sends, validated against SailPoint's own OpenAPI document (the emulator's
    /// Specs/nerm-workflow-sessions.openapi.json). Client and emulator are written separately; a misreading of the
    /// contract they share would pass the other tests and fail here. The emulator's answers are held to the spec by
    /// <see cref="SpecConformanceTests"/>.
    /// </summary>
    public sealed class NermConformanceTests : IAsyncLifetime
    {
        private const string Item = "/workflow_sessions/{id}";
        private const string List = "/workflow_sessions";
        private static readonly PublishedSpec Spec = PublishedSpec.Nerm;

        private EmulatorHost emulator = null!;
        private HttpClient http = null!;

        public async Task InitializeAsync()
        {
            emulator = await EmulatorHost.StartAsync();
            http = new HttpClient { BaseAddress = emulator.BaseUri };
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + NermEmulatorOptions.DemoApiKeyDefault);
        }

        public async Task DisposeAsync()
        {
            http.Dispose();
            await emulator.DisposeAsync();
        }

        [Fact]
        public async Task Request_bodies_the_client_sends_conform_to_the_PATCH_schema()
        {
            using var connection = NermTestConnections.ApiKey(emulator);
            var client = new WorkflowSessionClient(connection);
            var full = new WorkflowSessionInput
            {
                Id = NermTestConnections.ExampleId,
                WorkflowId = NermSeedData.WorkflowId,
                RequesterId = NermSeedData.RequesterId,
                RequesterType = "NeaccessRegistrant",
                ProfileId = NermSeedData.ProfileId,
                ProfileIds = new[] { NermSeedData.ProfileId + "," + NermSeedData.ExampleSessionId },
                Status = "AUTH-STATUS3",
            };
            full.Attributes.Add(new KeyValuePair<string, object?>("date_attribute_uid", new System.DateTime(2020, 1, 15)));
            full.Attributes.Add(new KeyValuePair<string, object?>("multi_uid", new[] { "a", "b" }));
            var updates = new[]
            {
                full,
                new WorkflowSessionInput { Id = NermSeedData.GeneratedId(1), Status = "completed" },
                new WorkflowSessionInput { Id = NermSeedData.GeneratedId(2), Run = true },
            };

            foreach (var input in updates)
            {
                await client.UpdateAsync(NermTestConnections.Update(input), CancellationToken.None);
            }

            var schema = Spec.RequestBody(Item, "PATCH");
            var bodies = emulator.Journal.Entries("nerm").Select(e => e.Body).ToList();
            Assert.Equal(3, bodies.Count);
            Assert.All(bodies, body => Assert.Empty(schema.Validate(JToken.Parse(body))));
        }
    }
}
