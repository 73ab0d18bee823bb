using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>The deviation list is one fact: README's table and GET /_emulator/deviations show exactly <see cref="Deviations.All"/>.</summary>
    public sealed class DeviationListTests
    {
        private const string Heading = "### What the emulator answers";

        [Fact]
        public void README_lists_every_deviation_by_name_with_whether_Strict_turns_it_off()
        {
            var rows = ReadmeDeviationRows();

            Assert.Equal(Deviations.All.Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal), rows.Keys.OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(Deviations.All, d => Assert.True(d.StrictTurnsOff == rows[d.Name].StartsWith("yes", StringComparison.Ordinal), d.Name + ": README says '" + rows[d.Name] + "' under Strict"));
        }

        [Fact]
        public async Task The_emulator_serves_the_list_and_tells_which_are_active()
        {
            await using var emulator = await EmulatorHost.StartAsync();
            using var http = new HttpClient { BaseAddress = emulator.BaseUri };

            var byDefault = JArray.Parse(await http.GetStringAsync("_emulator/deviations"));
            using var strictOn = await http.PatchAsync("_emulator/options", new StringContent("""{"strict":true}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(200, (int)strictOn.StatusCode);
            var strict = JArray.Parse(await http.GetStringAsync("_emulator/deviations"));

            Assert.Equal(Deviations.All.Select(d => d.Name), byDefault.Select(d => (string)d["name"]!));
            Assert.True((bool)byDefault.Single(d => (string)d["name"]! == Deviations.PatchContentType415)["active"]!);
            Assert.False((bool)byDefault.Single(d => (string)d["name"]! == Deviations.NermNeaccessRegistrant)["active"]!);
            Assert.Equal(Deviations.All.Where(d => !d.StrictTurnsOff).Select(d => d.Name), strict.Where(d => (bool)d["active"]!).Select(d => (string)d["name"]!));
        }

        [Fact]
        public async Task Strict_is_read_from_the_command_line()
        {
            await using var app = EmulatorHost.CreateApplication(["--urls", "http://127.0.0.1:0", "--Emulator:Strict", "true"]);

            Assert.True(app.Services.GetRequiredService<EmulatorOptions>().Strict);
        }

        /// <summary>Name → "off under Strict" cell of each row of README's deviation table.</summary>
        private static Dictionary<string, string> ReadmeDeviationRows()
        {
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
            var section = readme[readme.IndexOf(Heading, StringComparison.Ordinal)..];
            section = section[..section.IndexOf("\n#", Heading.Length, StringComparison.Ordinal)];
            return Regex.Matches(section, @"^\| `(?<name>\w+)` \|.*\| (?<strict>[^|]+) \|\s*$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["strict"].Value.Trim());
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "build.ps1")) && File.Exists(Path.Combine(dir.FullName, "README.md"))) return dir.FullName;
            }

            throw new DirectoryNotFoundException("No repository root (build.ps1 and README.md) above " + AppContext.BaseDirectory);
        }
    }
}
