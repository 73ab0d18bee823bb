using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Text;
using GovernanceModule.Core.Journal;
using GovernanceModule.Core.Oig;
using Xunit;

namespace GovernanceModule.Core.Tests.Journal
{
    public sealed class RunJournalTests : IDisposable
    {
        private static readonly Uri Server = new Uri("https://127.0.0.1:5001/");
        private readonly string path = Path.Combine(Path.GetTempPath(), "journal-" + Guid.NewGuid().ToString("N") + ".jsonl");

        public void Dispose() => File.Delete(path);

        private static JournalHeader Header(string command = "Set-ProvTask", Uri? server = null, string? note = null) =>
            new JournalHeader(command, note == null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Note"] = note }, server ?? Server, "0.1.0");

        private static JournalInput Row(string taskId, string note = "n") =>
            JournalInput.From(new OrderedDictionary { ["TaskId"] = taskId, ["Note"] = note });

        private static string[] Lines(string file) => File.ReadAllText(file).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);

        /// <summary>A first run: rows 1-3 read, 1-2 sent in one request, 1 succeeded, 2 failed; then the process is gone.</summary>
        private void FirstRun()
        {
            using (var journal = RunJournal.Open(path, Header()))
            {
                journal.RecordRead(1, "task 1 (SetNote)", Row("1"));
                journal.RecordRead(2, "task 2 (SetNote)", Row("2"));
                journal.RecordRead(3, "task 3 (SetNote)", Row("3"));
                journal.RecordSent(new long[] { 1, 2 });
                journal.RecordOutcome(1, RecordedOutcome.Answered(new ProvTaskResult(ProvTaskUpdate.From(new ProvTaskInput { TaskId = "1", Note = "n" }), null, "SUCCESS", true, null, null, null)));
                journal.RecordOutcome(2, new RecordedOutcome(JournalState.Failed, errorId: "ProvTaskNotFound", category: "ObjectNotFound", message: "task 2 (SetNote) failed: not found"));
            }
        }

        [Fact]
        public void A_resumed_journal_knows_each_rows_state_and_outcome()
        {
            FirstRun();
            using (var journal = RunJournal.Open(path, Header()))
            {
                Assert.Equal(3, journal.RowsBefore);
                Assert.Equal(JournalState.Succeeded, journal.StateOf(1));
                Assert.Equal(JournalState.Failed, journal.StateOf(2));
                Assert.Equal(JournalState.NotSent, journal.StateOf(3));
                Assert.Null(journal.StateOf(4));
                Assert.Equal("SUCCESS", Assert.IsType<ProvTaskResult>(journal.OutcomeOf(1)!.Result).Status);
                var failed = journal.OutcomeOf(2)!;
                Assert.Equal(("ProvTaskNotFound", "ObjectNotFound", "task 2 (SetNote) failed: not found"), (failed.ErrorId, failed.Category, failed.Message));
                Assert.Null(journal.OutcomeOf(3));
            }
        }

        [Fact]
        public void An_answered_result_is_recorded_with_enums_by_name_and_one_that_cannot_be_serialized_leaves_no_trace_and_stops_the_next_request()
        {
            using (var journal = RunJournal.Open(path, Header()))
            {
                journal.RecordRead(1, "task 1 (SetNote)", Row("1"));
                journal.RecordRead(2, "task 2 (SetNote)", Row("2"));
                journal.RecordRead(3, "task 3 (SetNote)", Row("3"));
                journal.RecordSent(new long[] { 1, 2 });
                journal.RecordOutcome(2, RecordedOutcome.Answered(new Answer(), "Some.Error", "InvalidData", "task 2 failed"));
                journal.RecordOutcome(1, RecordedOutcome.Answered(new Unserializable()));
                var ex = Assert.Throws<InvalidOperationException>(() => journal.RecordSent(new long[] { 3 }));
                Assert.IsType<Newtonsoft.Json.JsonSerializationException>(ex.InnerException);
                Assert.Contains("could not record", ex.Message);
            }

            using (var journal = RunJournal.Open(path, Header()))
            {
                Assert.Equal(JournalState.Sent, journal.StateOf(1));
                Assert.Null(journal.OutcomeOf(1));
                Assert.Equal(JournalState.NotSent, journal.StateOf(3));
                Assert.Equal(JournalState.Failed, journal.StateOf(2));
            }

            var answered = Lines(path).Single(l => l.Contains("\"outcome\""));
            Assert.Contains("\"state\":\"Failed\",\"resultType\":\"" + typeof(Answer).FullName + "\",\"result\":{\"TaskId\":\"2\",\"State\":\"Failed\"},\"errorId\":\"Some.Error\"", answered);
        }

        public sealed class Answer
        {
            public string TaskId => "2";

            public JournalState State => JournalState.Failed;
        }

        public sealed class Unserializable
        {
            public string TaskId => "1";

            public string Status => throw new InvalidOperationException("no status");
        }

        [Fact]
        public void A_request_is_on_disk_as_sent_before_RecordSent_returns_and_reads_wait_for_it()
        {
            using (var journal = RunJournal.Open(path, Header()))
            {
                var afterHeader = new FileInfo(path).Length;
                journal.RecordRead(1, "task 1 (SetNote)", Row("1"));
                journal.RecordRead(2, "task 2 (SetNote)", Row("2"));
                Assert.Equal(afterHeader, new FileInfo(path).Length);
                journal.RecordSent(new long[] { 1, 2 });

                // The file (read with stat, past the lock) holds the reads and one sent record for both rows.
                var written = new FileInfo(path).Length;
                Assert.True(written > afterHeader);
                journal.RecordOutcome(1, new RecordedOutcome(JournalState.Succeeded));
                Assert.Equal(written, new FileInfo(path).Length);
            }

            var lines = Lines(path);
            Assert.Equal(new[] { "journal", "read", "read", "sent", "outcome" }, lines.Select(l => (string?)Newtonsoft.Json.Linq.JObject.Parse(l)["type"]));
            Assert.Contains("\"rows\":[1,2]", lines[3]);
        }

        [Fact]
        public void A_torn_last_line_is_ignored_and_cut_off()
        {
            FirstRun();
            var whole = File.ReadAllBytes(path);
            File.AppendAllText(path, "{\"type\":\"outcome\",\"row\":3,\"sta");
            using (var journal = RunJournal.Open(path, Header()))
            {
                Assert.Equal(JournalState.NotSent, journal.StateOf(3));
                journal.RecordOutcome(3, new RecordedOutcome(JournalState.Succeeded));
            }

            var lines = Lines(path);
            Assert.StartsWith(Encoding.UTF8.GetString(whole), File.ReadAllText(path));
            Assert.All(lines, l => Newtonsoft.Json.Linq.JObject.Parse(l));
            Assert.Equal(JournalState.Succeeded, JournalFile.ReadEntries(path, Newtonsoft.Json.Linq.JToken.ReadFrom).Last().State);
        }

        [Fact]
        public void Damage_before_the_last_line_is_a_clear_error_naming_the_line()
        {
            FirstRun();
            var lines = File.ReadAllLines(path);
            lines[2] = lines[2].Substring(0, 10);
            File.WriteAllLines(path, lines);
            var ex = Assert.Throws<JournalException>(() => RunJournal.Open(path, Header()));
            Assert.Equal(JournalProblem.Damaged, ex.Problem);
            Assert.Contains("line 3", ex.Message);
            Assert.Throws<JournalException>(() => JournalFile.ReadEntries(path, Newtonsoft.Json.Linq.JToken.ReadFrom).ToList());
        }

        [Fact]
        public void A_file_that_is_not_a_journal_is_damaged()
        {
            File.WriteAllText(path, "TaskId,Note\n1,a\n");
            var ex = Assert.Throws<JournalException>(() => RunJournal.Open(path, Header()));
            Assert.Equal(JournalProblem.Damaged, ex.Problem);
            Assert.Contains("line 1", ex.Message);
        }

        [Fact]
        public void A_second_writer_gets_in_use_and_the_file_is_unchanged()
        {
            using (RunJournal.Open(path, Header()))
            {
                var before = new FileInfo(path).Length;
                var ex = Assert.Throws<JournalException>(() => RunJournal.Open(path, Header()));
                Assert.Equal(JournalProblem.InUse, ex.Problem);
                Assert.Contains("in use", ex.Message);
                Assert.Equal(before, new FileInfo(path).Length);
            }

            using (RunJournal.Open(path, Header()))
            {
            }
        }

        [Fact]
        public void A_changed_row_is_named_with_its_difference()
        {
            FirstRun();
            using (var journal = RunJournal.Open(path, Header()))
            {
                journal.RecordRead(1, "task 1 (SetNote)", Row("1"));
                var ex = Assert.Throws<JournalException>(() => journal.RecordRead(2, "task 2 (SetNote)", Row("2", "changed")));
                Assert.Equal(JournalProblem.DifferentInput, ex.Problem);
                Assert.Contains("Note was 'n' in the journal and is 'changed' now", ex.Message);
                Assert.Contains("new -JournalPath", ex.Message);
            }
        }

        [Fact]
        public void The_same_values_in_another_column_order_have_the_same_fingerprint()
        {
            var a = JournalInput.From(new OrderedDictionary { ["TaskId"] = "1", ["Note"] = "n" });
            var b = JournalInput.From(new OrderedDictionary { ["Note"] = "n", ["TaskId"] = "1" });
            Assert.Equal(a.Fingerprint, b.Fingerprint);
            Assert.NotEqual(a.Fingerprint, JournalInput.From(new OrderedDictionary { ["TaskId"] = "1", ["Note"] = "N" }).Fingerprint);
        }

        [Fact]
        public void A_fingerprint_is_the_FNV_1a_128_of_the_values_as_JSON_in_UTF_8_with_members_in_ordinal_order()
        {
            // {"Note":"café ☃","TaskId":"100001"}, hashed by the published FNV-1a 128 (offset basis 6c62272e…c58d, prime 2^88 + 0x13B).
            var input = JournalInput.From(new OrderedDictionary { ["TaskId"] = "100001", ["Note"] = "caf\u00e9 \u2603" });
            Assert.Equal("b854b5f610d298722d4fe3163dfef956", input.Fingerprint);
            var asRecorded = JournalInput.FromJson(Newtonsoft.Json.Linq.JObject.Parse("{\"TaskId\":\"100001\",\"Note\":\"caf\u00e9 \u2603\"}"));
            Assert.Equal(input.Fingerprint, asRecorded.Fingerprint);
            Assert.Equal(asRecorded.Values.ToString(Newtonsoft.Json.Formatting.None), input.Values.ToString(Newtonsoft.Json.Formatting.None));

            // A CSV row's columns, as the cmdlets hand them over.
            var columns = JournalInput.FromText(new[] { new KeyValuePair<string, string?>("TaskId", "100001"), new KeyValuePair<string, string?>("Note", "caf\u00e9 \u2603") });
            Assert.Equal("b854b5f610d298722d4fe3163dfef956", columns.Fingerprint);
            Assert.Equal(input.Values.ToString(Newtonsoft.Json.Formatting.None), columns.Values.ToString(Newtonsoft.Json.Formatting.None));
        }

        [Fact]
        public void Values_other_than_text_are_fingerprinted_as_JSON_like_text_rows()
        {
            var typed = JournalInput.From(new OrderedDictionary { ["TaskId"] = 6, ["Fields"] = new List<object> { "a", 1 } });
            var asRecorded = JournalInput.FromJson(Newtonsoft.Json.Linq.JObject.Parse("{\"Fields\":[\"a\",1],\"TaskId\":6}"));
            Assert.Equal(asRecorded.Fingerprint, typed.Fingerprint);
            Assert.NotEqual(JournalInput.From(new OrderedDictionary { ["TaskId"] = "6" }).Fingerprint, JournalInput.From(new OrderedDictionary { ["TaskId"] = 6 }).Fingerprint);
        }

        [Fact]
        public void A_shorter_input_is_a_different_input()
        {
            FirstRun();
            using (var journal = RunJournal.Open(path, Header()))
            {
                var ex = Assert.Throws<JournalException>(() => journal.CheckInputEnded(2));
                Assert.Equal(JournalProblem.DifferentInput, ex.Problem);
                journal.CheckInputEnded(3);
            }
        }

        [Theory]
        [InlineData("Invoke-ProvTaskRetry", null, null, "written by Set-ProvTask, not Invoke-ProvTaskRetry")]
        [InlineData("Set-ProvTask", "https://other.example/", null, "for the server https://127.0.0.1:5001/")]
        [InlineData("Set-ProvTask", null, "x", "with no -Note, this run has -Note x")]
        public void Another_command_server_or_parameter_is_a_different_run(string command, string? server, string? note, string expected)
        {
            FirstRun();
            var ex = Assert.Throws<JournalException>(() => RunJournal.Open(path, Header(command, server == null ? null : new Uri(server), note)));
            Assert.Equal(JournalProblem.DifferentRun, ex.Problem);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Reading_gives_one_entry_per_row_with_its_last_state()
        {
            FirstRun();
            using (var journal = RunJournal.Open(path, Header()))
            {
                journal.RecordRead(4, "task 4 (SetNote)", Row("4"));
                journal.RecordSent(new long[] { 3, 4 });
            }

            var entries = JournalFile.ReadEntries(path, r => (string?)Newtonsoft.Json.Linq.JToken.ReadFrom(r)["TaskId"]).ToList();
            Assert.Equal(new long[] { 1, 2, 3, 4 }, entries.Select(e => e.Row));
            Assert.Equal(new[] { JournalState.Succeeded, JournalState.Failed, JournalState.Sent, JournalState.Sent }, entries.Select(e => e.State));
            Assert.Equal("ProvTaskNotFound", entries[1].ErrorId);
            Assert.Equal("4", entries[3].Input);
            Assert.Equal("task 4 (SetNote)", entries[3].Name);
        }
    
        [Fact]
        public void Outcomes_read_back_whole_across_the_read_window_and_beyond_it()
        {
            var note = new string('\u00e9', 150);
            var huge = new string('\u00e9', 100000);
            using (var journal = RunJournal.Open(path, Header()))
            {
                for (var row = 1; row <= 2000; row++)
                {
                    journal.RecordRead(row, "task " + row, Row(row.ToString()));
                    journal.RecordOutcome(row, new RecordedOutcome(JournalState.Failed, errorId: "X", message: row == 1000 ? huge : note + row));
                }
            }

            using (var journal = RunJournal.Open(path, Header()))
            {
                for (var row = 1; row <= 2000; row++)
                {
                    Assert.Equal(row == 1000 ? huge : note + row, journal.OutcomeOf(row)!.Message);
                }
            }
        }
    }
}
