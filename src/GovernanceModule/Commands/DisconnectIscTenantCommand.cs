using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>Closes the current ISC connection (or the one passed with -Connection) and forgets it.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "IscTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(IscConnection))]
    public sealed class DisconnectIscTenantCommand : DisconnectCmdlet<IscConnection>
    {
        protected override ApiName Api => ApiName.Isc;
    }
}
