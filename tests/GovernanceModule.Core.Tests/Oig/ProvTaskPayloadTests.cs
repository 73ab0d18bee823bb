using System.Collections.Specialized;
using GovernanceModule.Core.Oig;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Oig
{
    /// <summary>Every OIG request body of the seeds, produced by the payload builders.</summary>
    public sealed class ProvTaskPayloadTests
    {
        [Fact]
        public void Reassign_3009_matches_seed()
        {
            var update = From(new ProvTaskInput { TaskId = "3009", Action = "Reassign", Assignee = "23" });
            AssertJsonEqual(
                """{"action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}""",
                ProvTaskPayload.Single(update));
        }

        [Fact]
        public void Reassign_6_matches_seed_regardless_of_field_order()
        {
            var update = From(new ProvTaskInput { TaskId = "6", Assignee = "1", AssigneeType = "user" });
            var expected = JObject.Parse("""{"action":"reassign","fields":[{"name":"type","value":"user"},{"name":"assignee","value":"1"}]}""");
            var actual = JObject.Parse(ProvTaskPayload.Single(update));
            Assert.Equal("reassign", (string?)actual["action"]);
            Assert.Equal(
                SortedFields(expected),
                SortedFields(actual));
        }

        [Fact]
        public void SetNote_matches_seed()
        {
            var update = From(new ProvTaskInput { TaskId = "6", Note = "Updated value of Note-NB" });
            AssertJsonEqual(
                """{"action":"setNote","fields":[{"name":"Process Instance.Task Details.Note","value":"Updated value of Note-NB"}]}""",
                ProvTaskPayload.Single(update));
        }

        [Fact]
        public void SetResponse_matches_seed()
        {
            var update = From(new ProvTaskInput { TaskId = "6", Action = "setResponse", Response = "VALIDATION_FAILED" });
            AssertJsonEqual(
                """{"action":"setResponse","fields":[{"name":"Process Definition.Tasks.Responses.Response","value":"VALIDATION_FAILED"}]}""",
                ProvTaskPayload.Single(update));
        }

        [Fact]
        public void Retry_matches_seed()
        {
            AssertJsonEqual("""{"action":"retry"}""", ProvTaskPayload.Single(ProvTaskUpdate.Create("6", ProvTaskAction.Retry)));
        }

        [Fact]
        public void Older_field_update_matches_seed_S1()
        {
            var fields = new OrderedDictionary
            {
                ["Process Instance.Task Details.Note"] = "Updated value of Note-Sonia4",
                ["Process Instance.Task Details.Projected End"] = new System.DateTime(2016, 2, 21),
            };
            var update = From(new ProvTaskInput { TaskId = "5126", RequestId = "10001", Field = fields });
            Assert.Equal(ProvTaskAction.Update, update.Action);
            AssertJsonEqual(
                """{"id":"5126","requestId":"10001","fields":[{"name":"Process Instance.Task Details.Note","value":"Updated value of Note-Sonia4"},{"name":"Process Instance.Task Details.Projected End","value":"2016-02-21"}]}""",
                ProvTaskPayload.Single(update));
        }

        [Fact]
        public void Bulk_reassign_matches_seed_S2()
        {
            var updates = new[]
            {
                From(new ProvTaskInput { TaskId = "3016", RequestId = "10001", Action = "reassign", Assignee = "23" }),
                From(new ProvTaskInput { TaskId = "3018", RequestId = "10002", Action = "reassign", Assignee = "23" }),
            };
            AssertJsonEqual(
                """{"tasks":[{"id":"3016","requestId":"10001","action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]},{"id":"3018","requestId":"10002","action":"reassign","fields":[{"name":"assignee","value":"23"},{"name":"type","value":"user"}]}]}""",
                ProvTaskPayload.Bulk(updates));
        }

        [Fact]
        public void Bulk_retry_matches_seed_S2_with_taskId_repeated()
        {
            var updates = new[] { ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), ProvTaskUpdate.Create("1008", ProvTaskAction.Retry) };
            AssertJsonEqual(
                """{"tasks":[{"id":"1006","action":"retry","taskId":"1006"},{"id":"1008","action":"retry","taskId":"1008"}]}""",
                ProvTaskPayload.Bulk(updates));
        }

        [Fact]
        public void Bulk_retry_placeholder_example_has_the_same_shape()
        {
            // The documented example writes <Prov-Task_ID> where a task id (digits) goes; the ids are checked before sending.
            var updates = new[] { ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), ProvTaskUpdate.Create("1006", ProvTaskAction.Retry) };
            AssertJsonEqual(
                """{"tasks":[{"id":"<Prov-Task_ID>","action":"retry","taskId":"<Prov-Task_ID>"},{"id":"<Prov-Task_ID>","action":"retry","taskId":"<Prov-Task_ID>"}]}""".Replace("<Prov-Task_ID>", "1006"),
                ProvTaskPayload.Bulk(updates));
        }

        private static ProvTaskUpdate From(ProvTaskInput input) => ProvTaskUpdate.From(input);

        private static void AssertJsonEqual(string expected, string actual) =>
            Assert.True(JToken.DeepEquals(JToken.Parse(expected), JToken.Parse(actual)), "Expected " + expected + " but built " + actual);

        private static string SortedFields(JObject body) =>
            string.Join("|", ((JArray)body["fields"]!).Select(f => (string?)f["name"] + "=" + (string?)f["value"]).OrderBy(x => x));
    }
}
