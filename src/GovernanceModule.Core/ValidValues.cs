using System;
using System.Collections.Generic;
using System.Linq;

namespace GovernanceModule.Core
{
    /// <summary>
    /// How a message names the valid values after a wrong one: a short list in full; a long one (NERM's 61 statuses)
    /// by the few closest to what was given, and where to see them all, so the message stays a few lines at 80 columns.
    /// </summary>
    public static class ValidValues
    {
        /// <summary>Lists up to this long are named in full.</summary>
        public const int NamedInFull = 8;

        /// <summary>How many of the closest values a long list shows.</summary>
        public const int Closest = 5;

        /// <param name="seeAll">Where the full list is, such as "Get-Help Update-WorkflowSession -Parameter Status".</param>
        public static string Describe(IReadOnlyList<string> valid, string given, string seeAll)
        {
            if (valid.Count <= NamedInFull)
            {
                return "Valid values: " + string.Join(", ", valid) + ".";
            }

            var wanted = Spelling.Normalize(given);
            var closest = valid
                .Select((value, index) => (Value: value, Index: index, Distance: Distance(Spelling.Normalize(value), wanted)))
                .OrderBy(v => v.Distance)
                .ThenBy(v => v.Index)
                .Take(Closest)
                .Select(v => v.Value);
            return "Closest valid values: " + string.Join(", ", closest) + " (all " + valid.Count + ": " + seeAll + ").";
        }

        /// <summary>Edit distance of the normalized texts; a value that contains the given text, or is contained in it, counts as near.</summary>
        private static int Distance(string value, string wanted)
        {
            if (wanted.Length > 0 && (value.Contains(wanted) || wanted.Contains(value)))
            {
                return Math.Abs(value.Length - wanted.Length) / 4;
            }

            return Spelling.Distance(value, wanted);
        }
    }
}
