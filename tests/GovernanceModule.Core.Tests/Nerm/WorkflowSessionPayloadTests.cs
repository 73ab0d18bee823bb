using System.Collections.Generic;
using GovernanceModule.Core.Nerm;
using Newtonsoft.Json.Linq;
using Xunit;
using static GovernanceModule.Core.Tests.Nerm.NermTestConnections;

namespace GovernanceModule.Core.Tests.Nerm
{
    /// <summary>Turning parameters into the PATCH body: the seed's example, partial updates, and what is refused before sending.</summary>
    public sealed class WorkflowSessionPayloadTests
    {
        private const string Uuid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

        [Fact]
        public void The_seed_request_example_is_produced_from_parameters()
        {
            var input = new WorkflowSessionInput
            {
                Id = Uuid,
                WorkflowId = Uuid,
                RequesterId = Uuid,
                RequesterType = "User",
                ProfileId = Uuid,
                ProfileIds = new[] { Uuid },
                Status = "completed",
            };
            input.Attributes.Add(Attribute("text_attribute_uid", "static text"));
            input.Attributes.Add(Attribute("date_attribute_uid", new DateTime(2020, 1, 15)));
            input.Attributes.Add(Attribute("profile_select_attribute_uid", "Profile Name"));
            input.Attributes.Add(Attribute("multiple_profile_select_attribute_uid", new object[] { "Profile Name", "Second Profile Name", "Third Profile Name" }));
            input.Attributes.Add(Attribute("contributor_select_attribute_uid", "User Name"));
            input.Attributes.Add(Attribute("multiple_contributor_select_attribute_uid", new[] { "User Name", "Second User Name", "Third User Name" }));

            var body = WorkflowSessionPayload.Build(Update(input));

            const string seed = """{"workflow_session":{"workflow_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","requester_type":"User","profile_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","profile_ids":["3fa85f64-5717-4562-b3fc-2c963f66afa6"],"status":"completed","attributes":{"text_attribute_uid":"static text","date_attribute_uid":"01/15/2020","profile_select_attribute_uid":"Profile Name","multiple_profile_select_attribute_uid":"Profile Name,Second Profile Name,Third Profile Name","contributor_select_attribute_uid":"User Name","multiple_contributor_select_attribute_uid":"User Name,Second User Name,Third User Name"}}}""";
            Assert.True(JToken.DeepEquals(JToken.Parse(seed), body), body.ToString());
        }

        [Fact]
        public void Only_the_members_given_are_sent()
        {
            var update = Update(new WorkflowSessionInput { Id = Uuid, Status = "approved" });

            Assert.Equal("""{"workflow_session":{"status":"approved"}}""", WorkflowSessionPayload.ToJson(WorkflowSessionPayload.Build(update)));
            Assert.Equal("workflow_sessions/" + Uuid, WorkflowSessionPayload.RelativePath(update));
            Assert.True(update.IsIdempotent);
        }

        [Fact]
        public void The_status_can_travel_as_status_uid()
        {
            var update = Update(new WorkflowSessionInput { Id = Uuid, Status = "approved" });

            Assert.Equal("""{"workflow_session":{"status_uid":"approved"}}""", WorkflowSessionPayload.ToJson(WorkflowSessionPayload.Build(update, NermStatusMember.StatusUid)));
        }

        [Fact]
        public void Run_goes_in_the_query_and_makes_the_update_not_idempotent()
        {
            var update = Update(new WorkflowSessionInput { Id = Uuid, Run = true });

            Assert.Equal("workflow_sessions/" + Uuid + "?run=true", WorkflowSessionPayload.RelativePath(update));
            Assert.Equal("""{"workflow_session":{}}""", WorkflowSessionPayload.ToJson(WorkflowSessionPayload.Build(update)));
            Assert.False(update.IsIdempotent);
            Assert.Equal("Run", update.Description);
        }

        [Fact]
        public void Profile_ids_from_one_CSV_cell_are_split()
        {
            var other = "89ed1cb6-9977-4965-9bfe-f2bcc242523e";
            var update = Update(new WorkflowSessionInput { Id = Uuid, ProfileIds = new[] { Uuid + "; " + other } });

            Assert.Equal(new[] { Uuid, other }, update.ProfileIds);
        }

        [Fact]
        public void An_invalid_status_is_refused_with_the_closest_valid_values_named()
        {
            var ex = Assert.Throws<InputValidationException>(() => Update(new WorkflowSessionInput { Id = Uuid, Status = "Completed" }));

            Assert.Equal("Status", ex.ParameterName);
            Assert.StartsWith("Row 1 (session " + Uuid + "): Status 'Completed'", ex.Message);
            Assert.Contains("Did you mean 'completed'?", ex.Message);
            Assert.Contains("Closest valid values: completed, ", ex.Message);
            Assert.Contains("(all 61: ", ex.Message);
            Assert.DoesNotContain("AUTH-STATUS9", ex.Message);
        }

        [Theory]
        [InlineData("Status")]
        [InlineData("WorkflowId")]
        [InlineData("RequesterId")]
        [InlineData("RequesterType")]
        [InlineData("ProfileId")]
        public void A_member_given_empty_is_an_error_not_a_silent_clear(string member)
        {
            var input = new WorkflowSessionInput { Id = Uuid, Status = "approved" };
            typeof(WorkflowSessionInput).GetProperty(member)!.SetValue(input, " ");

            var ex = Assert.Throws<InputValidationException>(() => Update(input));

            Assert.Equal(member, ex.ParameterName);
            Assert.Contains(member + " is empty", ex.Message);
        }

        [Fact]
        public void Empty_profile_ids_and_empty_attribute_values_are_errors()
        {
            Assert.Equal("ProfileIds", Assert.Throws<InputValidationException>(() => Update(new WorkflowSessionInput { Id = Uuid, ProfileIds = new[] { "", " " } })).ParameterName);

            var input = new WorkflowSessionInput { Id = Uuid };
            input.Attributes.Add(Attribute("department_uid", ""));
            var ex = Assert.Throws<InputValidationException>(() => Update(input));
            Assert.Contains("attribute department_uid is empty", ex.Message);
        }

        [Theory]
        [InlineData(null, "Id is empty")]
        [InlineData("3009", "Id is not a UUID")]
        public void The_id_must_be_a_UUID(string? id, string expected)
        {
            var ex = Assert.Throws<InputValidationException>(() => Update(new WorkflowSessionInput { Id = id, Status = "approved" }));

            Assert.Equal("Id", ex.ParameterName);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Uuids_and_requester_types_are_checked()
        {
            Assert.Contains("'not-a-uuid' is not a UUID", Assert.Throws<InputValidationException>(() => Update(new WorkflowSessionInput { Id = Uuid, WorkflowId = "not-a-uuid" })).Message);
            var ex = Assert.Throws<InputValidationException>(() => Update(new WorkflowSessionInput { Id = Uuid, RequesterType = "user" }));
            Assert.Contains("Did you mean 'User'?", ex.Message);
            Assert.Contains("NeaccessRegistrant", ex.Message);
        }

        [Fact]
        public void An_input_that_changes_nothing_is_refused()
        {
            var ex = Assert.Throws<InputValidationException>(() => Update(new WorkflowSessionInput { Id = Uuid }));

            Assert.Contains("nothing to change", ex.Message);
        }

        [Fact]
        public void An_attribute_given_twice_is_refused()
        {
            var input = new WorkflowSessionInput { Id = Uuid };
            input.Attributes.Add(Attribute("department_uid", "A"));
            input.Attributes.Add(Attribute("department_uid", "B"));

            Assert.Contains("given twice", Assert.Throws<InputValidationException>(() => Update(input)).Message);
        }

        [Fact]
        public void Numbers_and_booleans_are_written_invariantly()
        {
            var input = new WorkflowSessionInput { Id = Uuid };
            input.Attributes.Add(Attribute("ratio_uid", 1.5));
            input.Attributes.Add(Attribute("flag_uid", true));

            var attributes = WorkflowSessionPayload.Build(Update(input))["workflow_session"]!["attributes"]!;

            Assert.Equal("1.5", (string?)attributes["ratio_uid"]);
            Assert.Equal("true", (string?)attributes["flag_uid"]);
        }

        [Fact]
        public void Field_errors_of_a_400_are_listed_in_order()
        {
            var error = NermErrorBody.Parse("""{"error":"The workflow session failed to create/update","errors":{"status":"is not included in the list","requester_id":["is not a valid UUID","can't be blank"]}}""");

            Assert.Equal("The workflow session failed to create/update: status: is not included in the list; requester_id: is not a valid UUID, can't be blank", error.Summary);
            Assert.Equal(new[] { "status", "requester_id" }, error.FieldErrors.Select(f => f.Key));
        }

        private static KeyValuePair<string, object?> Attribute(string name, object? value) => new KeyValuePair<string, object?>(name, value);
    }
}
