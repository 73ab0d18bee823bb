using GovernanceModule.Emulator.Specs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>The schema reading itself: it accepts the vendors' own examples and refuses what they rule out.</summary>
    public sealed class PublishedSpecTests
    {

        [Fact]
        public void The_NERM_seed_request_conforms_and_an_unknown_status_does_not()
        {
            var schema = PublishedSpec.Nerm.RequestBody("/workflow_sessions/{id}", "PATCH");
            var seed = JObject.Parse("""{"workflow_session":{"workflow_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_type":"User","status":"completed","attributes":{"text_attribute_uid":"static text"}}}""");

            Assert.Empty(schema.Validate(seed));
            seed["workflow_session"]!["status"] = "Completed";
            Assert.NotEmpty(schema.Validate(seed));
        }

        [Fact]
        public void The_ISC_patch_example_conforms_and_an_unknown_op_does_not()
        {
            var schema = PublishedSpec.Isc.RequestBody("/sources/{sourceId}/provisioning-policies/{usageType}", "PATCH");

            Assert.Empty(schema.Validate(JArray.Parse("""[{"op":"replace","path":"/description","value":"New description"}]""")));
            Assert.NotEmpty(schema.Validate(JArray.Parse("""[{"op":"frobnicate","path":"/description"}]""")));
            Assert.NotEmpty(schema.Validate(JArray.Parse("""[{"op":"remove"}]""")));
        }

        [Fact]
        public void The_ISC_error_examples_conform_to_their_responses()
        {
            var spec = PublishedSpec.Isc;
            const string path = "/sources/{sourceId}/provisioning-policies/{usageType}";

            Assert.Empty(spec.Response(path, "PATCH", 404).Validate(JObject.Parse("""{"detailCode":"404 Not found","trackingId":"b21b1f7ce4da4d639f2c62a57171b427","messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"The server did not find a current representation for the target resource."}]}""")));
            Assert.Empty(spec.Response(path, "PATCH", 429).Validate(JObject.Parse("""{"message":" Rate Limit Exceeded "}""")));
        }

        [Theory]
        [InlineData("""{"name":"n","usageType":"CREATE","description":42}""", "description")]
        [InlineData("""{"name":"n","usageType":"CREATE","fields":[{"name":"a","transform":"identityAttribute"}]}""", "fields[0].transform")]
        [InlineData("""{"name":"n","usageType":"CREATE","fields":[{"name":null}]}""", "fields[0].name")]
        [InlineData("""{"name":"n","usageType":"CREATE_MACHINE_ACCOUNT"}""", "usageType")]
        [InlineData("""{"usageType":"CREATE"}""", "name")]
        public void A_violation_names_the_member(string policy, string member)
        {
            var violations = PublishedSpec.Isc.RequestBody("/sources/{sourceId}/provisioning-policies/{usageType}", "PUT").Validate(policy);

            Assert.Equal(member, Assert.Single(violations).Member);
        }
    }
}
