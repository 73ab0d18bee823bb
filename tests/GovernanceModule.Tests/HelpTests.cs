using System.Linq;
using System.Xml.Linq;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>The MAML help shipped as en-US/GovernanceModule.dll-Help.xml, which Get-Help -Examples reads.</summary>
    public sealed class HelpTests
    {
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static System.Collections.Generic.IEnumerable<object[]> AllCmdlets() => CmdletConventionTests.AllCmdlets();

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Every_cmdlet_has_help_with_examples(string name)
        {
            var entry = Entry(name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Command + "details")?.Element(Maml + "description")?.Value), name + " has no synopsis");
            var examples = entry.Descendants(Command + "example").ToList();
            Assert.NotEmpty(examples);
            Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Element(Dev + "code")?.Value)));
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Help_documents_exactly_the_visible_parameters(string name)
        {
            var type = ByName(name);
            var documented = Entry(name).Element(Command + "parameters")!.Elements(Command + "parameter")
                .Select(p => p.Element(Maml + "name")!.Value.Trim()).ToList();
            var declared = Parameters(type)
                .Where(p => !ParameterAttributes(p).Any(a => Named<bool>(a, "DontShow")))
                .Select(p => p.Name).ToList();
            if (Named<bool>(Attribute(type, typeof(System.Management.Automation.CmdletAttribute))!, "SupportsShouldProcess"))
            {
                declared.Add("WhatIf");
                declared.Add("Confirm");
            }

            Assert.Equal(declared.OrderBy(n => n), documented.OrderBy(n => n));
        }

        [Fact]
        public void Set_ProvTask_help_shows_the_CSV_pipeline()
        {
            Assert.Contains(Entry("Set-ProvTask").Descendants(Dev + "code"), c => c.Value.Contains("Import-Csv") && c.Value.Contains("| Set-ProvTask"));
        }

        /// <summary>A wrong -Status names only the closest values and sends the user to this help for all of them.</summary>
        [Theory]
        [InlineData("Update-WorkflowSession")]
        [InlineData("Get-WorkflowSession")]
        public void Status_help_lists_every_value(string name)
        {
            var values = name == "Get-WorkflowSession" ? GovernanceModule.Core.Nerm.WorkflowSessionStatuses.FilterValues : GovernanceModule.Core.Nerm.WorkflowSessionStatuses.All;
            var status = Entry(name).Element(Command + "parameters")!.Elements(Command + "parameter")
                .Single(p => p.Element(Maml + "name")!.Value.Trim() == "Status").Value;
            Assert.All(values, v => Assert.Contains(v, status));
        }

        [Fact]
        public void The_about_topic_fits_80_columns()
        {
            var lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(ModuleFiles.SourceDir, "en-US", "about_GovernanceModule.help.txt"));
            Assert.All(lines.Select((text, i) => (text, number: i + 1)), l => Assert.True(l.text.Length <= 80, "line " + l.number + " has " + l.text.Length + " characters: " + l.text));
        }

        private static XElement Entry(string name)
        {
            var entry = ModuleFiles.Help.Root!.Elements(Command + "command")
                .SingleOrDefault(c => c.Element(Command + "details")?.Element(Command + "name")?.Value.Trim() == name);
            Assert.True(entry != null, name + " has no entry in the help file");
            return entry!;
        }
    }
}
