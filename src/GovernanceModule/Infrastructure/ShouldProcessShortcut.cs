using System;
using System.Management.Automation;
using System.Reflection;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Tells when ShouldProcess would say yes to every input without showing anything: no -WhatIf (nor
    /// $WhatIfPreference), no confirmation (-Confirm, or a $ConfirmPreference at or below the cmdlet's ConfirmImpact)
    /// and no -Verbose, under which ShouldProcess writes "Performing the operation …". PowerShell's own runtime makes
    /// the same test before it skips the call; a run of thousands of rows then builds no question for any of them.
    /// </summary>
    internal static class ShouldProcessShortcut
    {
        public static bool AlwaysYes(PSCmdlet cmdlet, bool verboseWanted)
        {
            if (verboseWanted || WhatIf(cmdlet))
            {
                return false;
            }

            var preference = ConfirmPreference(cmdlet);
            var impact = cmdlet.GetType().GetCustomAttribute<CmdletAttribute>()?.ConfirmImpact ?? ConfirmImpact.Medium;
            return preference == ConfirmImpact.None || preference > impact;
        }

        private static bool WhatIf(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
                ? LanguagePrimitives.IsTrue(given)
                : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));

        private static ConfirmImpact ConfirmPreference(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var given))
            {
                return LanguagePrimitives.IsTrue(given) ? ConfirmImpact.Low : ConfirmImpact.None;
            }

            var preference = cmdlet.GetVariableValue("ConfirmPreference");
            return preference is ConfirmImpact impact ? impact
                : preference != null && Enum.TryParse(preference.ToString(), true, out ConfirmImpact parsed) ? parsed
                : ConfirmImpact.High;
        }
    }
}
