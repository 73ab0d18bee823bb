using System.IO;
using System.Linq;
using Xunit;

namespace GovernanceModule.Tests
{
    public sealed class ManifestTests
    {
        [Fact]
        public void Exports_exactly_the_cmdlet_classes()
        {
            var exported = ModuleFiles.ManifestList("CmdletsToExport").OrderBy(n => n);
            var classes = CmdletMetadata.CmdletTypes.Select(CmdletMetadata.NameOf).OrderBy(n => n);
            Assert.Equal(classes, exported);
        }

        [Fact]
        public void Exports_nothing_by_wildcard()
        {
            Assert.DoesNotContain("*", ModuleFiles.ManifestList("CmdletsToExport"));
            Assert.Empty(ModuleFiles.ManifestList("FunctionsToExport"));
            Assert.Empty(ModuleFiles.ManifestList("AliasesToExport"));
        }

        [Fact]
        public void Runs_on_Windows_PowerShell_and_PowerShell_7()
        {
            Assert.Equal(new[] { "Core", "Desktop" }, ModuleFiles.ManifestList("CompatiblePSEditions"));
            Assert.Contains("PowerShellVersion    = '5.1'", ModuleFiles.Manifest);
            Assert.Contains("RootModule           = 'GovernanceModule.dll'", ModuleFiles.Manifest);
        }

        [Fact]
        public void Every_format_file_exists_and_every_view_names_a_real_type()
        {
            foreach (var file in ModuleFiles.FormatFiles)
            {
                Assert.True(File.Exists(file), file);
            }

            foreach (var typeName in ModuleFiles.FormatTypeNames())
            {
                Assert.NotNull(typeof(GovernanceModule.Core.Oig.ProvTaskResult).Assembly.GetType(typeName) ?? CmdletMetadata.Module.GetType(typeName));
            }
        }
    }
}
