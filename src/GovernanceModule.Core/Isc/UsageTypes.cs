using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// The 16 documented provisioning-policy usage types. Tenants hold more (CREATE_MACHINE_ACCOUNT), so another
    /// name is sent only when the caller asks for it explicitly; a typo of a documented one is refused before sending.
    /// </summary>
    public static class UsageTypes
    {
        public static readonly IReadOnlyList<string> Documented = new[]
        {
            "CREATE", "UPDATE", "DELETE", "ASSIGN", "UNASSIGN", "CREATE_GROUP", "UPDATE_GROUP", "DELETE_GROUP",
            "REGISTER", "CREATE_IDENTITY", "UPDATE_IDENTITY", "EDIT_GROUP", "ENABLE", "DISABLE", "UNLOCK", "CHANGE_PASSWORD",
        };

        private static readonly Regex UndocumentedShape = new Regex("^[A-Z][A-Z0-9_]{0,63}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A documented type in its canonical upper case (any case is accepted), or an undocumented one as given when
        /// <paramref name="allowUndocumented"/>; else an <see cref="InputValidationException"/> naming the valid values.
        /// </summary>
        public static string Normalize(string? usageType, bool allowUndocumented, string parameterName = "UsageType")
        {
            var text = (usageType ?? string.Empty).Trim();
            var documented = Documented.FirstOrDefault(d => string.Equals(d, text, StringComparison.OrdinalIgnoreCase));
            if (documented != null)
            {
                return documented;
            }

            if (text.Length == 0)
            {
                throw new InputValidationException(parameterName, "UsageType is empty. Valid values: " + string.Join(", ", Documented) + ".");
            }

            if (!allowUndocumented)
            {
                throw new InputValidationException(
                    parameterName,
                    "UsageType '" + text + "' is not one of the 16 documented usage types (" + string.Join(", ", Documented) + "). If your tenant has it, pass -AllowUndocumentedUsageType.");
            }

            if (!UndocumentedShape.IsMatch(text))
            {
                throw new InputValidationException(parameterName, "UsageType '" + text + "' is not a usage type name: upper-case letters, digits and underscores, such as CREATE_MACHINE_ACCOUNT.");
            }

            return text;
        }
    }
}
