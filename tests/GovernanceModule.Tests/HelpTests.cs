using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>
    /// The help source of each cmdlet, docs/help/GovernanceModule/&lt;cmdlet&gt;.md, from which ./build.ps1 Build writes
    /// the MAML that Get-Help reads (tests/pester/Help.Tests.ps1 checks what Get-Help then shows).
    /// </summary>
    public sealed class HelpTests
    {
        public static IEnumerable<object[]> AllCmdlets() => CmdletConventionTests.AllCmdlets();

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Every_cmdlet_has_help_with_examples(string name)
        {
            Assert.False(string.IsNullOrWhiteSpace(Section(name, "SYNOPSIS")), name + " has no synopsis");
            var examples = Regex.Matches(Section(name, "EXAMPLES"), @"^### .+\r?\n\s*```powershell\r?\n(?<code>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.NotEmpty(examples);
            Assert.All(examples.Cast<Match>(), e => Assert.False(string.IsNullOrWhiteSpace(e.Groups["code"].Value)));
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Help_documents_exactly_the_visible_parameters(string name)
        {
            var type = ByName(name);
            var documented = Regex.Matches(Section(name, "PARAMETERS"), @"^### -(?<name>\w+)\s*$", RegexOptions.Multiline)
                .Cast<Match>().Select(m => m.Groups["name"].Value).ToList();
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
            Assert.Matches(@"```powershell\r?\nImport-Csv .*\| Set-ProvTask", Section("Set-ProvTask", "EXAMPLES"));
        }

        /// <summary>A wrong -Status names only the closest values and sends the user to this help for all of them.</summary>
        [Theory]
        [InlineData("Update-WorkflowSession")]
        [InlineData("Get-WorkflowSession")]
        public void Status_help_lists_every_value(string name)
        {
            var values = name == "Get-WorkflowSession" ? GovernanceModule.Core.Nerm.WorkflowSessionStatuses.FilterValues : GovernanceModule.Core.Nerm.WorkflowSessionStatuses.All;
            var status = Regex.Match(Section(name, "PARAMETERS"), @"^### -Status\s*$(?<text>.*?)(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline).Groups["text"].Value;
            var text = Regex.Replace(status, @"\s+", " ");
            Assert.All(values, v => Assert.Contains(v, text));
        }

        [Fact]
        public void The_about_topic_fits_80_columns()
        {
            var lines = File.ReadAllLines(Path.Combine(ModuleFiles.SourceDir, "en-US", "about_GovernanceModule.help.txt"));
            Assert.All(lines.Select((text, i) => (text, number: i + 1)), l => Assert.True(l.text.Length <= 80, "line " + l.number + " has " + l.text.Length + " characters: " + l.text));
        }

        /// <summary>The text of a "## " section of the cmdlet's help file, up to the next one.</summary>
        private static string Section(string name, string section)
        {
            var path = Path.Combine(ModuleFiles.Root, "docs", "help", "GovernanceModule", name + ".md");
            Assert.True(File.Exists(path), name + " has no help file " + path);
            var match = Regex.Match(File.ReadAllText(path), "^## " + section + @"\s*$(?<text>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
            return match.Success ? match.Groups["text"].Value : "";
        }
    }
}
