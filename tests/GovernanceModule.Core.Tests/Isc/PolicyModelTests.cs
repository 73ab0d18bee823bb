using System.Collections;
using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Core.Isc;
using GovernanceModule.Emulator.Isc;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Isc
{
    /// <summary>The seed's shapes read into the typed models and written back, and JSON Patch operations checked before sending.</summary>
    public sealed class PolicyModelTests
    {
        private const string AddFieldExample = """[{"op":"add","path":"/fields/0","value":{"name":"email","transform":{"type":"identityAttribute","attributes":{"name":"email"}},"attributes":{},"isRequired":false,"type":"string","isMultiValued":false}}]""";

        [Fact]
        public void The_200_example_becomes_a_typed_policy_and_goes_back_unchanged()
        {
            var policy = PolicyJson.ToPolicy(JObject.Parse(IscSeedData.ExampleCreatePolicy), IscSeedData.ExampleSourceId);

            Assert.Equal("example provisioning policy for inactive identities", policy.Name);
            Assert.Equal("CREATE", policy.UsageType);
            var field = Assert.Single(policy.Fields);
            Assert.Equal("userName", field.Name);
            Assert.Equal("rule", field.Transform!["type"]);
            Assert.Equal("Create Unique LDAP Attribute", ((IDictionary)field.Transform["attributes"]!)["name"]);
            Assert.Equal("${firstname}.${lastname}${uniqueCounter}", field.Attributes!["template"]);
            Assert.Equal("50", field.Attributes["cloudMaxUniqueChecks"]);
            Assert.False(field.IsRequired);
            Assert.Equal("string", field.Type);
            Assert.False(field.IsMultiValued);

            Assert.True(JToken.DeepEquals(JObject.Parse(IscSeedData.ExampleCreatePolicy), PolicyJson.ToJson(policy)));
        }

        [Fact]
        public void Members_the_model_does_not_know_and_dates_in_strings_survive_the_round_trip()
        {
            const string json = """{"name":null,"usageType":"CREATE_MACHINE_ACCOUNT","owner":{"id":"x"},"fields":[{"name":"start","attributes":{"date":"2024-09-27T10:00:00Z","n":1.50},"transform":null,"section":"a"}]}""";

            var policy = PolicyJson.ToPolicy((JObject)IscJson.Parse(json), "s");

            Assert.Equal("2024-09-27T10:00:00Z", policy.Fields[0].Attributes!["date"]);
            Assert.Null(policy.Fields[0].IsRequired);
            Assert.True(IscJson.JsonEquals(IscJson.Parse(json), PolicyJson.ToJson(policy)));
        }

        [Fact]
        public void The_add_field_example_is_a_valid_operation_and_serializes_as_sent()
        {
            var input = (JArray)IscJson.Parse(AddFieldExample);

            var operations = input.Select((o, i) => JsonPatchOperation.Parse((IDictionary)IscJson.ToPlain(o)!, "Operation " + (i + 1))).ToList();

            Assert.Equal("add", operations[0].Op);
            Assert.True(JToken.DeepEquals(input, JArray.Parse(JsonPatchOperation.ToJson(operations))));
        }

        public static IEnumerable<object[]> BadOperations() =>
        [
            [new Hashtable { ["op"] = "frobnicate", ["path"] = "/name" }, "op 'frobnicate' is not valid"],
            [new Hashtable { ["path"] = "/name" }, "op is missing"],
            [new Hashtable { ["op"] = "replace", ["path"] = "name", ["value"] = "x" }, "JSON Pointer"],
            [new Hashtable { ["op"] = "remove", ["path"] = "/a~2" }, "JSON Pointer"],
            [new Hashtable { ["op"] = "add", ["path"] = "/fields/-" }, "needs a value"],
            [new Hashtable { ["op"] = "copy", ["path"] = "/fields/-" }, "needs from"],
            [new Hashtable { ["op"] = "move", ["from"] = "/fields", ["path"] = "/fields/0" }, "inside itself"],
            [new Hashtable { ["op"] = "replace", ["path"] = "/name", ["vaule"] = "typo" }, "'vaule'"],
        ];

        [Theory]
        [MemberData(nameof(BadOperations))]
        public void A_bad_operation_is_refused_with_its_number(Hashtable operation, string expected)
        {
            var ex = Assert.Throws<InputValidationException>(() => PolicyEdit.WithOperations(IdForms.IscSourceExample, "CREATE", false, new IDictionary[] { new Hashtable { ["op"] = "test", ["path"] = "", ["value"] = new Hashtable() }, operation }));

            Assert.StartsWith("Operation 1", ex.Message); // the second, numbered from 0 as ISC numbers it
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Op_and_member_names_are_taken_in_any_case_and_a_null_value_is_kept()
        {
            var edit = PolicyEdit.WithOperations(IdForms.IscSourceExample, "create", false, new IDictionary[] { new Hashtable { ["Op"] = "Replace", ["Path"] = "/description", ["Value"] = null } });

            Assert.Equal("CREATE", edit.UsageType);
            Assert.Equal("""[{"op":"replace","path":"/description","value":null}]""", JsonPatchOperation.ToJson(edit.Operations));
        }

        [Theory]
        [InlineData("CREATE_MACHINE_ACCOUNT", false, "-AllowUndocumentedUsageType")]
        [InlineData("CRAETE", false, "not one of the 16")]
        [InlineData("create machine", true, "not a usage type name")]
        [InlineData("", true, "empty")]
        public void Usage_types_outside_the_16_need_an_explicit_switch(string usageType, bool allow, string expected)
        {
            var ex = Assert.Throws<InputValidationException>(() => UsageTypes.Normalize(usageType, allow));
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void An_undocumented_usage_type_passes_when_asked_for()
        {
            Assert.Equal("CREATE_MACHINE_ACCOUNT", UsageTypes.Normalize("CREATE_MACHINE_ACCOUNT", allowUndocumented: true));
            Assert.Equal(16, UsageTypes.Documented.Count);
        }

        [Fact]
        public void An_ErrorResponseDto_becomes_a_message_with_its_causes_and_tracking_id()
        {
            var error = IscErrorBody.Parse("""{"detailCode":"400.1 Bad Request Content","trackingId":"e7eab60924f64aa284175b9fa3309599","messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"The request was syntactically correct but its content is semantically invalid."}],"causes":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"Operation 1: test failed"}]}""");

            Assert.Equal("e7eab60924f64aa284175b9fa3309599", error.TrackingId);
            Assert.Equal("400 (400.1 Bad Request Content): The request was syntactically correct but its content is semantically invalid. Causes: Operation 1: test failed", error.Describe(System.Net.HttpStatusCode.BadRequest));
            Assert.Equal("429 TooManyRequests: Rate Limit Exceeded", IscErrorBody.Parse("""{"message":" Rate Limit Exceeded "}""").Describe((System.Net.HttpStatusCode)429));
            Assert.Equal("401 Unauthorized: JWT validation failed: JWT is expired", IscErrorBody.Parse("""{"error":"JWT validation failed: JWT is expired"}""").Describe(System.Net.HttpStatusCode.Unauthorized));
        }
    }
}
