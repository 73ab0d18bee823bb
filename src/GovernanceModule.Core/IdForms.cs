using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace GovernanceModule.Core
{
    /// <summary>
    /// The form of the ids each API uses, checked before a request names one: a request that can only fail never
    /// leaves. Two ids pasted into one cell ("3009;3016") are told apart from a malformed one.
    /// </summary>
    public static class IdForms
    {
        public const string OigTaskExample = "3009";
        public const string IscSourceExample = "2c9180835d191a86015d28455b4a2329";

        private static readonly Regex Separators = new Regex(@"[,;|\s]+", RegexOptions.CultureInvariant);

        /// <summary>An OIG provisioning task id: digits, as in every example of OIG's documentation (3009, 6, 5126).</summary>
        public static bool IsOigTaskId(string id) => id.Length > 0 && id.All(c => c >= '0' && c <= '9');

        /// <summary>An ISC source id: 32 hexadecimal characters, as in every example of ISC's documentation.</summary>
        public static bool IsIscSourceId(string id) => id.Length == 32 && id.All(Uri.IsHexDigit);

        /// <param name="subject">What the input is about, such as "task 3009", for the message.</param>
        /// <exception cref="InputValidationException">The id is not digits; nothing may be sent for it.</exception>
        public static void CheckOigTaskId(string id, string parameter, string? subject) =>
            Check(id, IsOigTaskId, parameter, "task", "an OIG task id: task ids are digits, such as " + OigTaskExample, subject);

        /// <exception cref="InputValidationException">The id is not 32 hexadecimal characters; nothing may be sent for it.</exception>
        public static void CheckIscSourceId(string id, string parameter, string? subject) =>
            Check(id, IsIscSourceId, parameter, "policy", "an ISC source id: source ids are 32 hexadecimal characters, such as " + IscSourceExample, subject);

        /// <summary>
        /// The message for an id that is several valid ids joined by a separator; null when it is not that. The
        /// message names the ids and asks for one row per <paramref name="unit"/>.
        /// </summary>
        public static string? SeveralIds(string id, Func<string, bool> isValid, string parameter, string unit)
        {
            var parts = Separators.Split(id.Trim()).Where(p => p.Length > 0).ToList();
            if (parts.Count < 2 || !parts.All(isValid))
            {
                return null;
            }

            return parameter + " looks like several ids (" + string.Join(", ", parts) + "): give each its own row, one row per " + unit + ".";
        }

        private static void Check(string id, Func<string, bool> isValid, string parameter, string unit, string form, string? subject)
        {
            if (!isValid(id))
            {
                throw new InputValidationException(parameter, subject, SeveralIds(id, isValid, parameter, unit) ?? parameter + " '" + id + "' is not " + form + ".");
            }
        }
    }
}
