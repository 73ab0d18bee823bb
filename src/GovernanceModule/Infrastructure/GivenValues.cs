using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Which values of one input were given. A parameter from the command line counts even when empty, so that Core
    /// refuses it; an empty CSV cell means "not given". An object that only selects (<c>selectsOnly</c>, such as a
    /// WorkflowSession piped in) gives nothing but its id: the change comes from the command line.
    /// </summary>
    internal sealed class GivenValues
    {
        private readonly ICollection<string> commandLine;
        private readonly PSObject? inputObject;
        private readonly bool selectsOnly;

        public GivenValues(ICollection<string> commandLine, PSObject? inputObject, bool selectsOnly)
        {
            this.commandLine = commandLine;
            this.inputObject = inputObject;
            this.selectsOnly = selectsOnly;
        }

        public string? Text(string name, string? value) =>
            commandLine.Contains(name) ? value : selectsOnly || string.IsNullOrWhiteSpace(value) ? null : value;

        public string[]? Texts(string name, string[]? values) =>
            commandLine.Contains(name) || (!selectsOnly && values != null && values.Any(v => !string.IsNullOrWhiteSpace(v))) ? values : null;

        /// <summary>The entries of a hashtable parameter, as plain values, when given.</summary>
        public IEnumerable<KeyValuePair<string, object?>> Entries(string name, IDictionary? values)
        {
            if (values == null || !(commandLine.Contains(name) || !selectsOnly))
            {
                yield break;
            }

            foreach (DictionaryEntry entry in values)
            {
                var key = Convert.ToString(PowerShellValues.ToPlain(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
                yield return new KeyValuePair<string, object?>(key, PowerShellValues.ToPlain(entry.Value));
            }
        }

        /// <summary>The filled columns of the pipeline object whose names start with <paramref name="prefix"/>, named without it.</summary>
        public IEnumerable<KeyValuePair<string, object?>> Columns(string prefix)
        {
            if (inputObject == null || selectsOnly)
            {
                yield break;
            }

            foreach (var column in PowerShellValues.PropertiesOf(inputObject).Where(p => p.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                var value = PowerShellValues.ToPlain(column.Value);
                if (value != null && !(value is string text && text.Trim().Length == 0))
                {
                    yield return new KeyValuePair<string, object?>(column.Name.Substring(prefix.Length), value);
                }
            }
        }
    }
}
