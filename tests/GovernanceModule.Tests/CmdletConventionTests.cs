using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>What every cmdlet of the module must declare, checked for all of them at once.</summary>
    public sealed class CmdletConventionTests
    {
        private static readonly string[] CommonParameters =
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
            "vb", "db", "ea", "wa", "infa", "proga", "ev", "wv", "iv", "ov", "ob", "pv", "wi", "cf",
        };

        private static readonly HashSet<string> ChangingVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Set", "Invoke", "Update", "Edit", "Remove", "New", "Add", "Clear", "Reset", "Start", "Stop",
        };

        public static IEnumerable<object[]> AllCmdlets() => CmdletTypes.Select(t => new object[] { NameOf(t) });

        [Fact]
        public void The_module_has_the_cmdlets_of_the_OIG_slice()
        {
            var names = CmdletTypes.Select(NameOf).ToList();
            Assert.Contains("Set-ProvTask", names);
            Assert.Contains("Invoke-ProvTaskRetry", names);
            Assert.Contains("Get-ProvTask", names);
            Assert.Contains("Connect-OigServer", names);
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Verb_is_approved(string name)
        {
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList();
            Assert.Contains(VerbOf(ByName(name)), approved);
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Changing_cmdlets_support_WhatIf_and_Confirm(string name)
        {
            var type = ByName(name);
            if (!ChangingVerbs.Contains(VerbOf(type)))
            {
                return;
            }

            Assert.True(Named<bool>(Attribute(type, typeof(CmdletAttribute))!, nameof(CmdletAttribute.SupportsShouldProcess)), name + " changes data but has no SupportsShouldProcess");
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Declares_OutputType_and_the_type_has_a_format_view(string name)
        {
            var outputs = OutputTypes(ByName(name));
            Assert.NotEmpty(outputs);
            var formats = ModuleFiles.FormatTypeNames();
            foreach (var output in outputs)
            {
                Assert.Contains(output.FullName!, (IEnumerable<string>)formats);
            }
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void No_alias_collides_with_a_parameter_or_another_alias(string name)
        {
            // PowerShell compares names and aliases without regard to case and refuses to load a cmdlet whose alias
            // repeats a parameter name ("TaskID" beside -TaskId), so such a collision would only show at import.
            var seen = new HashSet<string>(CommonParameters, StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in Parameters(ByName(name)))
            {
                Assert.True(seen.Add(parameter.Name), name + ": -" + parameter.Name + " collides");
                foreach (var alias in Aliases(parameter))
                {
                    Assert.True(seen.Add(alias), name + ": alias " + alias + " of -" + parameter.Name + " collides");
                }
            }
        }

        [Theory]
        [MemberData(nameof(AllCmdlets))]
        public void Connected_cmdlets_take_a_Connection(string name)
        {
            var type = ByName(name);
            if (VerbOf(type) == VerbsCommunications.Connect || !TalksToAnApi(type))
            {
                return;
            }

            Assert.Contains(Parameters(type), p => p.Name == "Connection");
        }

        /// <summary>Whether the cmdlet sends requests: it has a connection type among its base classes' type arguments (Get-GovernanceJournal reads only a file).</summary>
        private static bool TalksToAnApi(Type type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
            {
                if (t.IsGenericType && t.GetGenericArguments().Any(a => typeof(GovernanceModule.Core.Connections.IApiConnection).IsAssignableFrom(a)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
