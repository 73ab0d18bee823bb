using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Oig;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.InputCorpus
{
    /// <summary>
    /// Bad input for Set-ProvTask and Invoke-ProvTaskRetry. Each case is a run of three rows as a CSV gives them (a good
    /// row, the case's row, another good row), pushed through the path SetProvTaskCommand takes: ProvTaskUpdate.From per
    /// row, then the valid rows in one bulk PUT provtasks against the emulator.
    /// </summary>
    public sealed class OigInputCorpus : IClassFixture<CorpusEmulator>
    {
        private static readonly ProvTaskInput[] GoodRows =
        {
            new ProvTaskInput { TaskId = "3016", Assignee = "23" },
            new ProvTaskInput { TaskId = "6", Action = "SetNote", Note = "checked by the service desk" },
        };

        private const string ValidActions = "Reassign, SetNote, SetResponse, Retry, Update";

        private readonly CorpusEmulator emulator;

        public OigInputCorpus(CorpusEmulator emulator)
        {
            this.emulator = emulator;
        }

        /// <summary>Rows that must be refused: the row as the cmdlet hands it to Core, its task id (if any), the parameter blamed, and what the message must say.</summary>
        private static readonly Dictionary<string, (Func<ProvTaskInput> Row, string? Id, string Parameter, string[] Says)> Refused = new()
        {
            ["empty TaskId"] = (() => new ProvTaskInput { TaskId = "", Note = "x" }, null, "TaskId", new[] { "TaskId is empty", "TaskId, Id or ProvTaskId", "such as 3009" }),
            ["whitespace-only TaskId (spaces and a tab)"] = (() => new ProvTaskInput { TaskId = "  \t ", Note = "x" }, null, "TaskId", new[] { "TaskId is empty", "TaskId, Id or ProvTaskId" }),
            ["BOM-prefixed header: the column is \\uFEFFTaskId, so TaskId binds to nothing"] = (() => new ProvTaskInput { TaskId = null, Action = "SetNote", Note = "x" }, null, "TaskId", new[] { "TaskId is empty", "TaskId, Id or ProvTaskId" }),
            ["blank CSV line: every cell empty"] = (() => new ProvTaskInput { TaskId = "", RequestId = "", Action = "", Assignee = "", Note = "", Response = "" }, null, "TaskId", new[] { "every cell is empty", "blank line", ValidActions }),
            ["Invoke-ProvTaskRetry: whitespace id"] = (() => new ProvTaskInput { TaskId = " ", Action = "Retry" }, null, "TaskId", new[] { "TaskId is empty", "such as 3009" }),
            ["unknown action 'Approve'"] = (() => new ProvTaskInput { TaskId = "3009", Action = "Approve" }, "3009", "Action", new[] { "unknown action 'Approve'", "Valid actions: " + ValidActions }),
            ["action with a typo 'Reasign'"] = (() => new ProvTaskInput { TaskId = "3009", Action = "Reasign", Assignee = "23" }, "3009", "Action", new[] { "'Reasign'", ValidActions }),
            ["Reassign missing its Assignee"] = (() => new ProvTaskInput { TaskId = "3009", Action = "Reassign" }, "3009", "Assignee", new[] { "action Reassign needs Assignee", "user key of the new assignee, such as 23" }),
            ["SetNote missing its Note"] = (() => new ProvTaskInput { TaskId = "3018", Action = "SetNote", Note = "   " }, "3018", "Note", new[] { "action SetNote needs Note", "Note is the note text" }),
            ["SetResponse missing its Response"] = (() => new ProvTaskInput { TaskId = "3018", Action = "set-response" }, "3018", "Response", new[] { "action SetResponse needs Response", "such as VALIDATION_FAILED" }),
            ["Update (action-less form) missing its Field"] = (() => new ProvTaskInput { TaskId = "5126", Action = "Update", Field = new Hashtable() }, "5126", "Field", new[] { "action Update needs Field", "hashtable of task attribute names and values" }),
            ["ambiguous mixed row: Assignee and Note filled, no Action"] = (() => new ProvTaskInput { TaskId = "3009", Assignee = "23", Note = "and a note" }, "3009", "Action", new[] { "ambiguous", "Assignee, Note", "Fill only one of them per row, or name the Action" }),
            ["mixed row: Retry with a Response filled"] = (() => new ProvTaskInput { TaskId = "1006", Action = "Retry", Response = "VALIDATION_FAILED" }, "1006", "Response", new[] { "action Retry does not use Response", "put that change on a row of its own" }),
            ["nothing to do: only the TaskId"] = (() => new ProvTaskInput { TaskId = "3009", RequestId = "10001" }, "3009", "Action", new[] { "nothing to do", ValidActions, "Assignee, Note, Response or Field" }),
            ["JSON OIG does not document: a Field value that is a nested object"] = (() => new ProvTaskInput { TaskId = "5126", Field = new Hashtable { [ProvTaskUpdate.NoteField] = new Hashtable { ["text"] = "x" } } }, "5126", "Field", new[] { "Field '" + ProvTaskUpdate.NoteField + "' holds a nested object", "one value: text, a number, a date or $true/$false" }),
            ["JSON OIG does not document: a Field value that is a list"] = (() => new ProvTaskInput { TaskId = "5126", Field = new Hashtable { [ProvTaskUpdate.NoteField] = new object[] { "a", "b" } } }, "5126", "Field", new[] { "holds a list of values", "one value: text, a number, a date or $true/$false" }),
            ["Field with an empty attribute name"] = (() => new ProvTaskInput { TaskId = "5126", Field = new Hashtable { [" "] = "x" } }, "5126", "Field", new[] { "empty attribute name", ProvTaskUpdate.NoteField }),
        };

        /// <summary>Rows that look unusual but are valid: they must reach the server intact.</summary>
        private static readonly Dictionary<string, (ProvTaskInput Row, string StateMember, string Expected)> Accepted = new()
        {
            ["extra CSV column (Comment) binds to no parameter: the row succeeds"] = (new ProvTaskInput { TaskId = "3018", Response = "VALIDATION_FAILED" }, "response", "VALIDATION_FAILED"),
            ["non-ASCII note goes through intact"] = (new ProvTaskInput { TaskId = "3009", Note = CorpusEmulator.NonAscii }, "note", CorpusEmulator.NonAscii),
            ["100,000-character note goes through intact (OIG documents no limit)"] = (new ProvTaskInput { TaskId = "3009", Action = "SetNote", Note = CorpusEmulator.VeryLong }, "note", CorpusEmulator.VeryLong),
        };

        public static IEnumerable<object[]> RefusedCases() => Refused.Keys.Select(k => new object[] { k });

        public static IEnumerable<object[]> AcceptedCases() => Accepted.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(RefusedCases))]
        public async Task Bad_row_is_refused_and_the_other_rows_go_on(string @case)
        {
            var (row, id, parameter, says) = Refused[@case];
            var run = await RunAsync(row());

            var error = Assert.Single(run.Errors);
            Assert.Equal(CorpusEmulator.BadRow, error.Key);
            Assert.Equal(parameter, error.Value.ParameterName);
            Assert.StartsWith(CorpusEmulator.BadRow + (id == null ? ":" : " (task " + id + "):"), error.Value.Message);
            Assert.All(says, fragment => Assert.Contains(fragment, error.Value.Message));

            AssertGoodRowsSucceeded(run.Outcomes);
            var sent = SentTaskIds();
            Assert.Equal(GoodRows.Select(r => r.TaskId!), sent);
            if (id != null)
            {
                Assert.DoesNotContain(emulator.Requests("oig"), e => e.Path.EndsWith("/" + id, StringComparison.Ordinal));
            }
        }

        [Theory]
        [MemberData(nameof(AcceptedCases))]
        public async Task Unusual_but_valid_row_reaches_the_server_intact(string @case)
        {
            var (row, member, expected) = Accepted[@case];
            var run = await RunAsync(row);

            Assert.Empty(run.Errors);
            Assert.Equal(3, run.Outcomes.Count);
            Assert.All(run.Outcomes, o => Assert.True(o.Result.Succeeded, o.Result.TaskId + ": " + o.Result.Reason));
            Assert.Equal(new[] { GoodRows[0].TaskId!, row.TaskId!, GoodRows[1].TaskId! }, SentTaskIds());
            var state = await emulator.StateAsync("oig/tasks/" + row.TaskId);
            Assert.Equal(expected, (string?)state[member]);
        }

        private async Task<(Dictionary<string, InputValidationException> Errors, IReadOnlyList<ProvTaskOutcome> Outcomes)> RunAsync(ProvTaskInput bad)
        {
            emulator.Reset();
            var rows = new[] { GoodRows[0], bad, GoodRows[1] };
            var errors = new Dictionary<string, InputValidationException>();
            var updates = new List<ProvTaskUpdate>();
            for (var i = 0; i < rows.Length; i++)
            {
                try
                {
                    updates.Add(ProvTaskUpdate.From(rows[i]));
                }
                catch (InputValidationException ex)
                {
                    errors[CorpusEmulator.Rows[i]] = ex.ForInput(CorpusEmulator.Rows[i]);
                }
            }

            using var connection = OigTestConnections.Demo(emulator.Host);
            var outcomes = await new ProvTaskClient(connection).UpdateAsync(updates, CancellationToken.None);
            return (errors, outcomes);
        }

        private static void AssertGoodRowsSucceeded(IReadOnlyList<ProvTaskOutcome> outcomes)
        {
            Assert.Equal(GoodRows.Select(r => r.TaskId), outcomes.Select(o => o.Result.TaskId));
            Assert.All(outcomes, o => Assert.True(o.Result.Succeeded, o.Result.TaskId + ": " + o.Result.Reason));
        }

        /// <summary>The task ids of the one bulk PUT the run may send (the cmdlet sends two or more rows in bulk).</summary>
        private IReadOnlyList<string> SentTaskIds()
        {
            var put = Assert.Single(emulator.Requests("oig"), e => e.Method == "PUT");
            Assert.EndsWith("/provtasks", put.Path);
            Assert.False(put.BodyTruncated);
            return ((JArray)JObject.Parse(put.Body)["tasks"]!).Select(t => (string)t["id"]!).ToList();
        }
    }
}
