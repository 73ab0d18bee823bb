using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Tests.Isc;
using GovernanceModule.Emulator.Isc;
using Xunit;

namespace GovernanceModule.Core.Tests.InputCorpus
{
    /// <summary>
    /// Bad input for Edit-ProvisioningPolicy. Each case is a run of three edits, as three rows piped by property name or
    /// three calls would give them (a good edit, the case's edit, another good edit), through the path the cmdlet takes:
    /// PolicyEdit.WithOperations / WithChanges / ToMatch (with PolicyChanges built first), then PlanAsync and ApplyAsync
    /// against the emulator. ISC input is parameter-level: messages name the parameter (and the operation or field by
    /// number), which the cases assert in place of a row label.
    /// </summary>
    public sealed class IscInputCorpus : IClassFixture<CorpusEmulator>
    {
        private const string Source = IscSeedData.ExampleSourceId;
        private const string ValidOps = "use one of add, remove, replace, move, copy, test";
        private const string Pointer = "path must be a JSON Pointer such as /description or /fields/0/name";

        /// <summary>Every case's bad edit is aimed at this policy, which the good rows never touch.</summary>
        private const string BadTarget = "DISABLE";

        private static readonly string[] GoodPaths = { PolicyPath(Source, "CREATE"), PolicyPath(Source, "UPDATE") };

        private readonly CorpusEmulator emulator;

        public IscInputCorpus(CorpusEmulator emulator)
        {
            this.emulator = emulator;
        }

        private static PolicyEdit GoodRow1() => PolicyEdit.WithOperations(Source, "CREATE", false, new[] { Op("replace", "/description", "reviewed in row 1") });

        private static PolicyEdit GoodRow3() => PolicyEdit.WithChanges(Source, "UPDATE", false, new PolicyChanges().WithDescription("reviewed in row 3"));

        /// <summary>A good operation first, so that messages must name the bad one by its number.</summary>
        private static PolicyEdit Ops(params object?[] bad) =>
            PolicyEdit.WithOperations(Source, BadTarget, false, new object?[] { Op("test", "/name", "Account disable") }.Concat(bad));

        private static PolicyEdit SetField(IDictionary field) =>
            PolicyEdit.WithChanges(Source, BadTarget, false, new PolicyChanges().WithName("Disable accounts").SetField(field, "SetField 1"));

        /// <summary>Edits that must be refused: the edit, the parameter blamed, the label the message must name, and what it must say is valid.</summary>
        private static readonly Dictionary<string, (Func<PolicyEdit> Edit, string Parameter, string Label, string[] Says)> Refused = new()
        {
            ["empty SourceId"] = (() => PolicyEdit.WithOperations("", BadTarget, false, new[] { Op("add", "/description", "x") }), "SourceId", "SourceId", new[] { "SourceId is empty", "such as 2c9180835d191a86015d28455b4a2329" }),
            ["whitespace-only SourceId"] = (() => PolicyEdit.WithChanges(" \t ", BadTarget, false, new PolicyChanges().WithDescription("x")), "SourceId", "SourceId", new[] { "SourceId is empty", "id of the source" }),
            ["BOM-prefixed header: the column is \\uFEFFSourceId, so SourceId binds to nothing"] = (() => PolicyEdit.WithChanges(null, BadTarget, false, new PolicyChanges().WithDescription("x")), "SourceId", "SourceId", new[] { "SourceId is empty" }),
            ["blank CSV line: SourceId and UsageType empty"] = (() => PolicyEdit.WithChanges("", "", false, new PolicyChanges().WithDescription("x")), "SourceId", "SourceId", new[] { "SourceId is empty" }),
            ["usage type outside the list 'CRATE'"] = (() => PolicyEdit.WithChanges(Source, "CRATE", false, new PolicyChanges().WithDescription("x")), "UsageType", "UsageType 'CRATE'", new[] { "not one of the 16 documented usage types", "CREATE, UPDATE, DELETE, ASSIGN, UNASSIGN", "CHANGE_PASSWORD" }),
            ["undocumented usage type without -AllowUndocumentedUsageType"] = (() => PolicyEdit.WithChanges(IscSeedData.SecondSourceId, IscSeedData.UndocumentedUsageType, false, new PolicyChanges().WithDescription("x")), "UsageType", "UsageType 'CREATE_MACHINE_ACCOUNT'", new[] { "If your tenant has it, pass -AllowUndocumentedUsageType" }),
            ["undocumented usage type that is no usage type name 'machine account'"] = (() => PolicyEdit.WithChanges(Source, "machine account", true, new PolicyChanges().WithDescription("x")), "UsageType", "UsageType 'machine account'", new[] { "upper-case letters, digits and underscores, such as CREATE_MACHINE_ACCOUNT" }),
            ["empty UsageType"] = (() => PolicyEdit.WithOperations(Source, "  ", false, new[] { Op("add", "/description", "x") }), "UsageType", "UsageType", new[] { "UsageType is empty", "Valid values: CREATE, UPDATE" }),
            ["op outside the six 'update'"] = (() => Ops(Op("update", "/description", "x")), "Operation", "Operation 1", new[] { "op 'update' is not valid", ValidOps }),
            ["op missing"] = (() => Ops(new Hashtable { ["path"] = "/description", ["value"] = "x" }), "Operation", "Operation 1", new[] { "op is missing", ValidOps }),
            ["op given as a number"] = (() => Ops(new Hashtable { ["op"] = 1, ["path"] = "/description", ["value"] = "x" }), "Operation", "Operation 1", new[] { "op is a Int32, not a name", ValidOps }),
            ["malformed JSON Pointer: no leading slash 'description'"] = (() => Ops(Op("add", "description", "x")), "Operation", "Operation 1", new[] { Pointer, "got 'description'" }),
            ["malformed JSON Pointer: bad escape '/fields/~2'"] = (() => Ops(Op("remove", "/fields/~2")), "Operation", "Operation 1", new[] { Pointer, "got '/fields/~2'" }),
            ["malformed JSON Pointer: URI fragment form '#/description'"] = (() => Ops(Op("replace", "#/description", "x")), "Operation", "Operation 1", new[] { Pointer }),
            ["JSON Pointer '/fields/-' for remove (only add, move, copy can target '-')"] = (() => Ops(Op("remove", "/fields/-")), "Operation", "Operation 1", new[] { "only add, move and copy can target", "such as /fields/0" }),
            ["add missing its value"] = (() => Ops(Op("add", "/description")), "Operation", "Operation 1", new[] { "(add /description) needs a value", "$null is a value" }),
            ["replace missing its value"] = (() => Ops(Op("replace", "/name")), "Operation", "Operation 1", new[] { "(replace /name) needs a value", "Such as @{op = 'replace'" }),
            ["move missing its from"] = (() => Ops(Op("move", "/description")), "Operation", "Operation 1", new[] { "(move /description) needs from, a JSON Pointer such as /fields/1", "got nothing" }),
            ["copy whose from is no JSON Pointer"] = (() => Ops(Op("copy", "/fields/-", from: "fields/0")), "Operation", "Operation 1", new[] { "needs from, a JSON Pointer", "got 'fields/0'" }),
            ["operation with a member outside op, path, value, from ('val')"] = (() => Ops(new Hashtable { ["op"] = "add", ["path"] = "/description", ["val"] = "x" }), "Operation", "Operation 1", new[] { "member 'val'", "only op, path, value and from" }),
            ["-Operation holding no operation"] = (() => PolicyEdit.WithOperations(Source, BadTarget, false, Array.Empty<object?>()), "Operation", "-Operation", new[] { "holds no operation", "such as @{op = 'replace'; path = '/description'; value = 'New'}" }),
            ["JSON ISC does not document: an operation that is a string, not an object"] = (() => Ops("replace /description x"), "Operation", "Operation 1", new[] { "is the text 'replace /description x'", "an operation is an object with op, path" }),
            ["JSON ISC does not document: an operation that is a list, not an object"] = (() => Ops((object)new object[] { "add", "/description", "x" }), "Operation", "Operation 1", new[] { "is a list", "an operation is an object with op, path" }),
            ["JSON ISC does not document: a value holding a .NET object (Get-Item output)"] = (() => Ops(Op("add", "/description", new DirectoryInfo(Path.GetTempPath()))), "Operation", "Operation 1", new[] { "value holds a DirectoryInfo", "text, a number, $true/$false, $null, a hashtable or an array" }),
            ["JSON ISC does not document: SetField Type given a nested object"] = (() => SetField(new Hashtable { ["Name"] = "mail", ["Type"] = new Hashtable { ["kind"] = "string" } }), "SetField", "SetField 1", new[] { "type must be one of string, int, long, date, boolean, secret", "got a nested object" }),
            ["JSON ISC does not document: SetField IsRequired given 'yes'"] = (() => SetField(new Hashtable { ["Name"] = "mail", ["IsRequired"] = "yes" }), "SetField", "SetField 1", new[] { "isRequired must be $true or $false", "got 'yes'" }),
            ["SetField Type outside the documented types 'varchar'"] = (() => SetField(new Hashtable { ["Name"] = "mail", ["Type"] = "varchar" }), "SetField", "SetField 1", new[] { "type 'varchar' is not a field type ISC documents", "string, int, long, date, boolean, secret" }),
            ["SetField with a key a field does not have ('Required')"] = (() => SetField(new Hashtable { ["Name"] = "mail", ["Required"] = true }), "SetField", "SetField 1", new[] { "key 'Required'", "name, transform, attributes, isRequired, type, isMultiValued" }),
            ["SetField without a Name"] = (() => SetField(new Hashtable { ["Type"] = "string" }), "SetField", "SetField 1", new[] { "has no Name", "such as @{Name = 'mail'; Type = 'string'}" }),
            ["JSON ISC does not document: -InputObject with a .NET object in a field's Attributes"] = (() => PolicyEdit.ToMatch(new ProvisioningPolicy { SourceId = Source, UsageType = BadTarget, Name = "Account disable", Fields = { new ProvisioningPolicyField { Name = "home", Attributes = new Hashtable { ["path"] = new DirectoryInfo(Path.GetTempPath()) } } } }, false), "InputObject", "Field 1 (home)", new[] { "holds a DirectoryInfo", "Use text, numbers, $true/$false, hashtables and arrays" }),
        };

        /// <summary>Edits that look unusual but are valid: the DISABLE policy's description must be stored exactly as given.</summary>
        private static readonly Dictionary<string, (Func<PolicyEdit> Edit, string Expected)> Accepted = new()
        {
            ["extra CSV column (Comment) binds to no parameter: the edit succeeds"] = (() => PolicyEdit.WithChanges(Source, "disable", false, new PolicyChanges().WithDescription("described")), "described"),
            ["non-ASCII description goes through intact"] = (() => PolicyEdit.WithChanges(Source, BadTarget, false, new PolicyChanges().WithDescription(CorpusEmulator.NonAscii)), CorpusEmulator.NonAscii),
            ["100,000-character description goes through intact (ISC documents no limit)"] = (() => Ops(Op("add", "/description", CorpusEmulator.VeryLong)), CorpusEmulator.VeryLong),
        };

        public static IEnumerable<object[]> RefusedCases() => Refused.Keys.Select(k => new object[] { k });

        public static IEnumerable<object[]> AcceptedCases() => Accepted.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(RefusedCases))]
        public async Task Bad_edit_is_refused_and_the_other_edits_go_on(string @case)
        {
            var (edit, parameter, label, says) = Refused[@case];
            var run = await RunAsync(edit);

            var error = Assert.Single(run.Errors);
            Assert.Equal(CorpusEmulator.BadRow, error.Key);
            Assert.Equal(parameter, error.Value.ParameterName);
            Assert.Contains(label, error.Value.Message);
            Assert.All(says, fragment => Assert.Contains(fragment, error.Value.Message));

            Assert.Equal(new[] { "CREATE", "UPDATE" }, run.Results.Select(r => r.UsageType));
            Assert.All(run.Results, r => Assert.Equal(PolicyEditStatus.Updated, r.Status));
            var requests = emulator.Requests("isc").Where(e => e.Path.StartsWith("/v3/", StringComparison.Ordinal)).ToList();
            Assert.Equal(GoodPaths, requests.Where(e => e.Method == "PATCH").Select(e => e.Path));
            Assert.All(requests, e => Assert.Contains(e.Path, GoodPaths));
        }

        [Theory]
        [MemberData(nameof(AcceptedCases))]
        public async Task Unusual_but_valid_edit_reaches_the_server_intact(string @case)
        {
            var (edit, expected) = Accepted[@case];
            var run = await RunAsync(edit);

            Assert.Empty(run.Errors);
            Assert.Equal(new[] { "CREATE", BadTarget, "UPDATE" }, run.Results.Select(r => r.UsageType));
            Assert.All(run.Results, r => Assert.Equal(PolicyEditStatus.Updated, r.Status));
            var patches = emulator.Requests("isc").Where(e => e.Method == "PATCH").ToList();
            Assert.Equal(new[] { GoodPaths[0], PolicyPath(Source, BadTarget), GoodPaths[1] }, patches.Select(e => e.Path));
            Assert.All(patches, p => Assert.False(p.BodyTruncated));
            var stored = await emulator.StateAsync("isc/policies/" + Source + "/" + BadTarget);
            Assert.Equal(expected, (string?)stored["description"]);
        }

        private async Task<(Dictionary<string, InputValidationException> Errors, IReadOnlyList<PolicyEditResult> Results)> RunAsync(Func<PolicyEdit> bad)
        {
            emulator.Reset();
            var rows = new[] { GoodRow1, bad, GoodRow3 };
            using var connection = IscTestConnections.Demo(emulator.Host);
            var client = new ProvisioningPolicyClient(connection);
            var errors = new Dictionary<string, InputValidationException>();
            var results = new List<PolicyEditResult>();
            for (var i = 0; i < rows.Length; i++)
            {
                try
                {
                    var plan = await client.PlanAsync(rows[i](), CancellationToken.None);
                    var outcome = await client.ApplyAsync(plan, CancellationToken.None);
                    Assert.True(outcome.Failure == null, CorpusEmulator.Rows[i] + ": " + outcome.Reason);
                    results.Add(outcome.Result);
                }
                catch (InputValidationException ex)
                {
                    errors[CorpusEmulator.Rows[i]] = ex;
                }
            }

            return (errors, results);
        }

        private static string PolicyPath(string sourceId, string usageType) => "/v3/sources/" + sourceId + "/provisioning-policies/" + usageType;

        private static IDictionary Op(string op, string path, object? value = null, string? from = null)
        {
            var operation = new OrderedDictionary { ["op"] = op, ["path"] = path };
            if (value != null)
            {
                operation["value"] = value;
            }

            if (from != null)
            {
                operation["from"] = from;
            }

            return operation;
        }
    }
}
