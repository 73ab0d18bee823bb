using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Tests.Nerm;
using GovernanceModule.Emulator.Nerm;
using Xunit;

namespace GovernanceModule.Core.Tests.InputCorpus
{
    /// <summary>
    /// Bad input for Update-WorkflowSession. Each case is a run of three rows as a CSV gives them (a good row, the case's
    /// row, another good row) as the cmdlet hands them to Core (empty CSV cells as null, Attribute.&lt;uid&gt; columns
    /// as attributes), then the path the cmdlet takes: WorkflowSessionUpdate.From per row, the valid ones through an
    /// OrderedThrottle of WorkflowSessionClient.UpdateAsync against the emulator.
    /// </summary>
    public sealed class NermInputCorpus : IClassFixture<CorpusEmulator>
    {
        private const string Example = NermSeedData.ExampleSessionId;
        private const string Uuid = "such as 3fa85f64-5717-4562-b3fc-2c963f66afa6";

        private static readonly string[] GoodIds = { NermSeedData.GeneratedId(1), NermSeedData.GeneratedId(2) };

        private static readonly string BadId = NermSeedData.GeneratedId(3);

        private readonly CorpusEmulator emulator;

        public NermInputCorpus(CorpusEmulator emulator)
        {
            this.emulator = emulator;
        }

        private static WorkflowSessionInput[] GoodRows() =>
            new[] { new WorkflowSessionInput { Id = GoodIds[0], Status = "approved" }, new WorkflowSessionInput { Id = GoodIds[1], Status = "completed" } };

        private static WorkflowSessionInput WithAttributes(WorkflowSessionInput input, params (string Name, object? Value)[] attributes)
        {
            foreach (var (name, value) in attributes)
            {
                input.Attributes.Add(new KeyValuePair<string, object?>(name, value));
            }

            return input;
        }

        /// <summary>Rows that must be refused: the row as the cmdlet hands it to Core, the session id it names (if any), the parameter blamed, and what the message must say.</summary>
        private static readonly Dictionary<string, (Func<WorkflowSessionInput> Row, string? Id, string Parameter, string[] Says)> Refused = new()
        {
            ["empty Id"] = (() => new WorkflowSessionInput { Id = "", Status = "approved" }, null, "Id", new[] { "Id is empty", "a UUID " + Uuid, "CSV columns Id, WorkflowSessionId or SessionId" }),
            ["whitespace-only Id"] = (() => new WorkflowSessionInput { Id = "   ", Status = "approved" }, null, "Id", new[] { "Id is empty", "UUID" }),
            ["BOM-prefixed header: the column is \\uFEFFId, so Id binds to nothing"] = (() => new WorkflowSessionInput { Id = null, Status = "approved" }, null, "Id", new[] { "Id is empty", "WorkflowSessionId or SessionId" }),
            ["blank CSV line: every cell empty"] = (() => new WorkflowSessionInput { Id = "" }, null, "Id", new[] { "every cell is empty", "blank line", "UUID " + Uuid }),
            ["non-UUID session id '3009'"] = (() => new WorkflowSessionInput { Id = "3009", Status = "approved" }, "3009", "Id", new[] { "Id is not a UUID", "look like 3fa85f64-5717-4562-b3fc-2c963f66afa6" }),
            ["session uid (32 hex characters) given as the id"] = (() => new WorkflowSessionInput { Id = BadId.Replace("-", string.Empty), Status = "approved" }, BadId.Replace("-", string.Empty), "Id", new[] { "Id is not a UUID", "look like the session's uid; give its id" }),
            ["status outside the enum 'done'"] = (() => new WorkflowSessionInput { Id = BadId, Status = "done" }, BadId, "Status", new[] { "Status 'done' is not a value NERM accepts", "Closest valid values: ", "(all 61: Tab after -Status completes them; Get-Help Update-WorkflowSession -Parameter Status lists them)" }),
            ["status with the wrong case 'Completed'"] = (() => new WorkflowSessionInput { Id = BadId, Status = "Completed" }, BadId, "Status", new[] { "Did you mean 'completed'? Case matters.", "Closest valid values: completed, " }),
            ["status in the list-filter spelling 'pending approval'"] = (() => new WorkflowSessionInput { Id = BadId, Status = "pending approval" }, BadId, "Status", new[] { "Did you mean 'pending_approval'?", "with underscores" }),
            ["requester type outside the list 'Admin'"] = (() => new WorkflowSessionInput { Id = BadId, RequesterType = "Admin" }, BadId, "RequesterType", new[] { "RequesterType 'Admin'", "Valid values: User, NeprofileUser, NeaccessUser, NeaccessRegistrant" }),
            ["non-UUID WorkflowId"] = (() => new WorkflowSessionInput { Id = BadId, WorkflowId = "payroll-onboarding" }, BadId, "WorkflowId", new[] { "WorkflowId 'payroll-onboarding' is not a UUID", Uuid }),
            ["ProfileIds cell with one bad id among good ones"] = (() => new WorkflowSessionInput { Id = BadId, ProfileIds = new[] { NermSeedData.ProfileId + ";profile-2" } }, BadId, "ProfileIds", new[] { "ProfileIds holds 'profile-2'", "not a UUID " + Uuid }),
            ["-Status '' on the command line is refused, never sent as a clear"] = (() => new WorkflowSessionInput { Id = BadId, Status = "" }, BadId, "Status", new[] { "Status is empty", "Leave it out to keep the session's Status" }),
            ["nothing to change: only the Id"] = (() => new WorkflowSessionInput { Id = BadId }, BadId, "Status", new[] { "nothing to change", "Status, WorkflowId, RequesterId, RequesterType, ProfileId, ProfileIds, Attribute" }),
            ["JSON NERM does not document: an attribute value that is a nested object"] = (() => WithAttributes(new WorkflowSessionInput { Id = BadId }, ("department_uid", new Hashtable { ["name"] = "Finance" })), BadId, "Attribute", new[] { "attribute department_uid holds a nested object", "every attribute value as text" }),
            ["attribute column named only 'Attribute.' (empty uid)"] = (() => WithAttributes(new WorkflowSessionInput { Id = BadId }, ("", "Finance")), BadId, "Attribute", new[] { "an attribute has an empty name", "uid, such as department_uid" }),
            ["attribute given twice (-Attribute and an Attribute.<uid> column)"] = (() => WithAttributes(new WorkflowSessionInput { Id = BadId }, ("department_uid", "Finance"), ("department_uid", "Legal")), BadId, "Attribute", new[] { "attribute department_uid is given twice", "Give it once" }),
        };

        /// <summary>Rows that look unusual but are valid: they must reach the server intact (attribute department_uid).</summary>
        private static readonly Dictionary<string, (Func<WorkflowSessionInput> Row, string Expected)> Accepted = new()
        {
            ["extra CSV column (Comment) binds to no parameter: the row succeeds"] = (() => WithAttributes(new WorkflowSessionInput { Id = BadId, Status = "approved" }, ("department_uid", "Finance")), "Finance"),
            ["non-ASCII attribute value goes through intact"] = (() => WithAttributes(new WorkflowSessionInput { Id = BadId }, ("department_uid", CorpusEmulator.NonAscii)), CorpusEmulator.NonAscii),
            ["100,000-character attribute value goes through intact (NERM documents no limit)"] = (() => WithAttributes(new WorkflowSessionInput { Id = BadId }, ("department_uid", CorpusEmulator.VeryLong)), CorpusEmulator.VeryLong),
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
            Assert.StartsWith(CorpusEmulator.BadRow + (id == null ? ":" : " (session " + id + "):"), error.Value.Message);
            Assert.All(says, fragment => Assert.Contains(fragment, error.Value.Message));

            Assert.Equal(GoodIds, run.Outcomes.Select(o => o.Update.Id));
            Assert.All(run.Outcomes, o => Assert.True(o.Session != null, o.Update.Id + ": " + o.Reason));
            var writes = emulator.Requests("nerm").Where(e => e.Method != "GET").ToList();
            // The throttle sends rows concurrently: the journal holds them in arrival order, not row order.
            Assert.Equal(GoodIds.Select(g => "/api/workflow_sessions/" + g).OrderBy(p => p, StringComparer.Ordinal), writes.Select(w => w.Path).OrderBy(p => p, StringComparer.Ordinal));
            Assert.DoesNotContain(emulator.Requests("nerm"), e => e.Path.Contains(id ?? BadId, StringComparison.OrdinalIgnoreCase));
        }

        [Theory]
        [MemberData(nameof(AcceptedCases))]
        public async Task Unusual_but_valid_row_reaches_the_server_intact(string @case)
        {
            var (row, expected) = Accepted[@case];
            var run = await RunAsync(row());

            Assert.Empty(run.Errors);
            Assert.Equal(new[] { GoodIds[0], BadId, GoodIds[1] }, run.Outcomes.Select(o => o.Update.Id));
            Assert.All(run.Outcomes, o => Assert.True(o.Session != null, o.Update.Id + ": " + o.Reason));
            Assert.Equal(3, emulator.Requests("nerm").Count(e => e.Method == "PATCH"));
            var state = await emulator.StateAsync("nerm/sessions/" + BadId);
            Assert.Equal(expected, (string?)state["attributes"]?["department_uid"]);
        }

        private async Task<(Dictionary<string, InputValidationException> Errors, IReadOnlyList<WorkflowSessionOutcome> Outcomes)> RunAsync(WorkflowSessionInput bad)
        {
            emulator.Reset();
            var good = GoodRows();
            var rows = new[] { good[0], bad, good[1] };
            using var connection = NermTestConnections.ApiKey(emulator.Host);
            var client = new WorkflowSessionClient(connection);
            var throttle = new OrderedThrottle<WorkflowSessionUpdate, WorkflowSessionOutcome>(WorkflowSessionClient.DefaultThrottleLimit, (u, ct) => client.UpdateAsync(u, ct));
            var errors = new Dictionary<string, InputValidationException>();
            var completed = new List<Finished<WorkflowSessionUpdate, WorkflowSessionOutcome>>();
            for (var i = 0; i < rows.Length; i++)
            {
                WorkflowSessionUpdate update;
                try
                {
                    update = WorkflowSessionUpdate.From(rows[i]);
                }
                catch (InputValidationException ex)
                {
                    errors[CorpusEmulator.Rows[i]] = ex.ForInput(CorpusEmulator.Rows[i]);
                    continue;
                }

                completed.AddRange(await throttle.AddAsync(update, CancellationToken.None));
            }

            completed.AddRange(await throttle.DrainAsync());
            Assert.All(completed, c => Assert.Null(c.Exception));
            return (errors, completed.Select(c => c.Result).ToList());
        }
    }
}
