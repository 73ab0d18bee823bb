using System.Collections;
using System.Collections.Generic;
using System.IO;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Journal;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Core.Results;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Journal
{
    /// <summary>A result recorded by one run is read back by the next as an object of its own type, every member as it was.</summary>
    public sealed class RecordedResultTests : IDisposable
    {
        private const string SourceId = "2c9180835d191a86015d28455b4a2329";
        private readonly string path = Path.Combine(Path.GetTempPath(), "journal-" + Guid.NewGuid().ToString("N") + ".jsonl");
        public void Dispose() => File.Delete(path);

        public static IEnumerable<object[]> Results()
        {
            var update = ProvTaskUpdate.From(new ProvTaskInput { TaskId = "1042", RequestId = "77", Field = new Hashtable { ["department_uid"] = "Finance, Berlin", ["quote\"d"] = "{\"x\":1}" } });
            yield return new object[] { new ProvTaskResult(update, "77", "SUCCESS", true, null, "jdoe", "https://oig.example/task/1042") { Row = 3 } };
            var reassign = ProvTaskUpdate.From(new ProvTaskInput { TaskId = "1043", Assignee = "23" });
            yield return new object[] { new ProvTaskResult(reassign, null, "FAIL", false, "no such user", null, null) { Row = 4 } };

            var session = WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = "00000000-0000-4000-8000-000000000001", Status = "approved", Run = true });
            var profiles = new[] { "00000000-0000-4000-9000-000000000001", "00000000-0000-4000-9000-000000000002" };
            var attributes = new Dictionary<string, string> { ["department_uid"] = "Finance", ["start_date"] = "2026-12-07T05:00:00Z", ["blank"] = null! };
            yield return new object[] { new WorkflowSessionResult(session, new WorkflowSession(session.Id, "uid-1", "wf-1", "req-1", "User", "p-1", profiles, "approved", attributes)) { Row = 1 } };
            yield return new object[] { new WorkflowSessionResult(session, new WorkflowSession(session.Id, null, null, null, null, null, new string[0], null, new Dictionary<string, string>())) { Row = 2 } };

            var policy = PolicyJson.ToPolicy<StoredPolicy>(
                JObject.Parse("{\"name\":\"Account update\",\"description\":\"d\",\"usageType\":\"UPDATE\",\"fields\":[{\"name\":\"mail\",\"transform\":{\"type\":\"identityAttribute\",\"attributes\":{\"name\":\"email\",\"n\":1.5}},\"attributes\":{},\"isRequired\":false,\"type\":\"string\",\"isMultiValued\":false,\"extra\":[1,\"2\"]}],\"unknownMember\":{\"a\":null}}"),
                SourceId);
            yield return new object[] { new PolicyEditResult(SourceId, "UPDATE", PolicyEditStatus.Updated, "[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"d\"}]", policy) { Row = 5 } };
            yield return new object[] { new PolicyEditResult(SourceId, "CREATE", PolicyEditStatus.ChangedSinceRead, "[]", reason: "changed", trackingId: "t-1") { Row = 6 } };
        }

        [Theory]
        [MemberData(nameof(Results))]
        public void A_result_read_back_is_of_its_type_with_every_member_as_written(INumberedResult written)
        {
            var read = RoundTrip(written);

            Assert.IsType(written.GetType(), read);
            foreach (var property in written.GetType().GetProperties())
            {
                var expected = property.GetValue(written);
                var actual = property.GetValue(read);
                Assert.Equal(expected?.GetType(), actual?.GetType());
                switch (expected)
                {
                    case StoredPolicy policy:
                        var readPolicy = (StoredPolicy)actual!;
                        Assert.Equal(policy.SourceId, readPolicy.SourceId);
                        Assert.Equal(PolicyJson.ToJson(policy).ToString(), PolicyJson.ToJson(readPolicy).ToString());
                        break;
                    case IEnumerable values when !(expected is string):
                        Assert.Equal(values.Cast<object>(), ((IEnumerable)actual!).Cast<object>());
                        break;
                    default:
                        Assert.Equal(expected, actual);
                        break;
                }
            }
        }

        [Fact]
        public void A_result_of_a_type_that_is_not_one_of_the_modules_results_is_a_damaged_journal()
        {
            Record(RecordedOutcome.Answered(new RunJournalTests.Answer()));
            AssertDamaged();
        }

        [Theory]
        [InlineData("GovernanceModule.Core.Oig.ProvTaskResult", "System.IO.FileInfo")]
        [InlineData("\"Fields\":\"{}\"", "\"Fields\":\"not a map\"")]
        [InlineData("\"Fields\":\"{}\"", "\"Fields\":null")]
        [InlineData("\"Action\":\"Reassign\"", "\"Action\":\"Delete\"")]
        [InlineData("\"Action\":\"Reassign\"", "\"Action\":1")]
        [InlineData("\"Succeeded\":true", "\"Succeeded\":\"true\"")]
        [InlineData("\"Status\":\"OK\"", "\"Status\":{\"TaskId\":\"1\"}")]
        public void A_result_record_changed_so_that_it_cannot_be_read_is_a_damaged_journal(string recorded, string changed)
        {
            Record(RecordedOutcome.Answered(new ProvTaskResult(ProvTaskUpdate.From(new ProvTaskInput { TaskId = "1043", Assignee = "23" }), null, "OK", true, null, "23", null)));
            var text = File.ReadAllText(path);
            Assert.Contains(recorded, text);
            File.WriteAllText(path, text.Replace(recorded, changed));
            AssertDamaged();
        }

        internal static JournalHeader Header() => new JournalHeader("Set-ProvTask", new Dictionary<string, string>(), new Uri("https://127.0.0.1:5001/"), "0.1.0");

        private void Record(RecordedOutcome outcome)
        {
            using (var journal = RunJournal.Open(path, Header()))
            {
                journal.RecordRead(1, "row 1", JournalInput.From(new System.Collections.Specialized.OrderedDictionary { ["TaskId"] = "1" }));
                journal.RecordSent(new long[] { 1 });
                journal.RecordOutcome(1, outcome);
            }
        }

        private object RoundTrip(INumberedResult written)
        {
            Record(RecordedOutcome.Answered(written));
            using (var journal = RunJournal.Open(path, Header()))
            {
                return journal.OutcomeOf(1)!.Result!;
            }
        }

        private void AssertDamaged()
        {
            using (var journal = RunJournal.Open(path, Header()))
            {
                Assert.Equal(JournalState.Succeeded, journal.StateOf(1));
                var ex = Assert.Throws<JournalException>(() => journal.OutcomeOf(1));
                Assert.Equal(JournalProblem.Damaged, ex.Problem);
            }
        }
    }
}
