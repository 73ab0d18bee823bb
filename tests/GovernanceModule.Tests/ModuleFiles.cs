using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GovernanceModule.Tests
{
    /// <summary>The module's own files in the source tree: manifest and format files.</summary>
    internal static class ModuleFiles
    {
        public static string Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "GovernanceModule.sln")))
                {
                    dir = dir.Parent;
                }

                return dir?.FullName ?? throw new InvalidOperationException("GovernanceModule.sln not found above " + AppContext.BaseDirectory);
            }
        }

        public static string Manifest => File.ReadAllText(Path.Combine(Root, "GovernanceModule.psd1"));

        public static IReadOnlyList<string> ManifestList(string key)
        {
            var match = Regex.Match(Manifest, key + @"\s*=\s*@\((?<items>[^)]*)\)", RegexOptions.Singleline);
            if (!match.Success)
            {
                throw new InvalidOperationException(key + " not found in the manifest");
            }

            return Regex.Matches(match.Groups["items"].Value, "'([^']*)'").Cast<Match>().Select(m => m.Groups[1].Value).ToList();
        }

        public static string SourceDir => Path.Combine(Root, "src", "GovernanceModule");

        public static IReadOnlyList<string> FormatFiles => ManifestList("FormatsToProcess").Select(f => Path.Combine(SourceDir, "Formats", f)).ToList();

        public static HashSet<string> FormatTypeNames() =>
            new HashSet<string>(FormatFiles.SelectMany(f => XDocument.Load(f).Descendants("TypeName").Select(t => t.Value.Trim())));
    }
}
