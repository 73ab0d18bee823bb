using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Tab completion from a fixed list. Used instead of ValidateSet where a CSV may leave the cell empty: the
    /// value is then checked by Core, whose error names the row.
    /// </summary>
    public abstract class ListCompleter : IArgumentCompleter
    {
        private readonly IReadOnlyList<string> values;

        protected ListCompleter(IEnumerable<string> values)
        {
            this.values = values.ToList();
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return values
                .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v.IndexOf(' ') >= 0 ? "'" + v + "'" : v, v, CompletionResultType.ParameterValue, v));
        }
    }
}
