using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>Closes the current NERM connection (or the one passed with -Connection) and forgets it.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "NermTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(NermConnection))]
    public sealed class DisconnectNermTenantCommand : DisconnectCmdlet<NermConnection>
    {
        protected override ApiName Api => ApiName.Nerm;
    }
}
