using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>Closes the current OIG connection (or the one passed with -Connection) and forgets it.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "OigServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(OigConnection))]
    public sealed class DisconnectOigServerCommand : DisconnectCmdlet<OigConnection>
    {
        protected override ApiName Api => ApiName.Oig;
    }
}
