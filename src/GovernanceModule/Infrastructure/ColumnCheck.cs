using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using GovernanceModule.Core;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Reads the columns of a CSV row (an Import-Csv object) before the first row is sent, since PowerShell binds
    /// columns by name and silently leaves out a column it cannot bind. A header that gives the id no column (a file
    /// read with the wrong delimiter, 'Task Id' for TaskId) and a column that looks like one the cmdlet reads but is not
    /// ('Notes' for Note, 'Attributes.x' for 'Attribute.x') are named, with the column meant. Other columns (comments,
    /// owners) are the user's own and pass.
    /// </summary>
    internal sealed class ColumnCheck
    {
        private static readonly char[] Delimiters = { ';', '\t', '|', ',' };

        private readonly string idParameter;
        private readonly IReadOnlyList<string> idNames;

        /// <summary>Every column name that binds, with the parameter it binds to.</summary>
        private readonly IReadOnlyList<(string Column, string Parameter)> columns;

        /// <summary>Column-name prefixes the cmdlet reads itself, such as "Attribute.".</summary>
        private readonly IReadOnlyList<string> prefixes;

        public ColumnCheck(Type cmdlet, string idParameter, params string[] prefixes)
        {
            var bound = cmdlet.GetProperties()
                .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any(a => a.ValueFromPipelineByPropertyName))
                .SelectMany(p => new[] { p.Name }.Concat(p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)).Select(n => (Column: n, Parameter: p.Name)))
                .ToList();
            this.idParameter = idParameter;
            idNames = bound.Where(b => b.Parameter == idParameter).Select(b => b.Column).ToList();
            columns = bound;
            this.prefixes = prefixes;
        }

        /// <summary>
        /// What is wrong with the row's columns, as one message, or null when nothing is. Only rows made of note
        /// properties (Import-Csv, Select-Object, [pscustomobject]) are read: objects of other commands carry
        /// properties of their own that were never meant as columns.
        /// </summary>
        public string? Problem(PSObject? row)
        {
            if (row == null || !(row.BaseObject is PSCustomObject))
            {
                return null;
            }

            var names = row.Properties.Select(p => p.Name).ToList();
            var lookAlikes = names.Select(n => (Column: n, Meant: Meant(n))).Where(l => l.Meant != null).ToList();
            var said = string.Join(" ", lookAlikes.Select(l => "Column '" + l.Column + "' is not one this command reads; did you mean '" + l.Meant + "'?"));
            if (names.Any(n => idNames.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                return lookAlikes.Count == 0 ? null : said + " Rename the column and run again.";
            }

            var header = "No column gives " + idParameter + " (columns " + string.Join(", ", idNames) + "); the row has " + string.Join(", ", names.Select(n => "'" + n + "'")) + ".";
            var delimiter = names.Count == 1 ? Delimiters.FirstOrDefault(d => names[0].IndexOf(d) >= 0) : default;
            var hint = delimiter != default && delimiter != ','
                ? " The header is one column holding '" + Show(delimiter) + "': the file looks delimited by it. Read it with Import-Csv -Delimiter \"" + Show(delimiter) + "\"."
                : lookAlikes.Count > 0 ? " " + said + " Rename the column and run again."
                : " Check the file's header line and its delimiter (Import-Csv -Delimiter).";
            return header + hint;
        }

        /// <summary>The column meant by <paramref name="column"/>, when it does not bind but looks like one that does.</summary>
        private string? Meant(string column)
        {
            if (columns.Any(c => string.Equals(c.Column, column, StringComparison.OrdinalIgnoreCase))
                || prefixes.Any(p => column.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var dot = column.IndexOf('.');
            if (dot > 0)
            {
                var prefix = prefixes.FirstOrDefault(p => LooksLike(column.Substring(0, dot), p.TrimEnd('.')));
                return prefix == null ? null : prefix + column.Substring(dot + 1);
            }

            return columns.Where(c => LooksLike(column, c.Column)).Select(c => c.Column).FirstOrDefault();
        }

        /// <summary>The same name but for case, separators, a plural s, or one letter (in names of five or more).</summary>
        private static bool LooksLike(string given, string known)
        {
            var a = Spelling.Normalize(given);
            var b = Spelling.Normalize(known);
            return a.Length > 0 && (a == b || a == b + "s" || b == a + "s" || (Math.Min(a.Length, b.Length) >= 5 && Spelling.Distance(a, b) <= 1));
        }

        private static string Show(char delimiter) => delimiter == '\t' ? "`t" : delimiter.ToString();
    }
}
