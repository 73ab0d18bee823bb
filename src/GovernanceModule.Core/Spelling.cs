using System;
using System.Linq;

namespace GovernanceModule.Core
{
    /// <summary>How near two names are, for "did you mean": case and separators do not count.</summary>
    public static class Spelling
    {
        /// <summary>Letters and digits only, lower case: 'Task Id', 'task_id' and 'TaskId' are all 'taskid'.</summary>
        public static string Normalize(string value) =>
            new string(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        /// <summary>The edit distance (insertions, deletions, substitutions) between two texts.</summary>
        public static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}
