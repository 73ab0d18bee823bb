using System;
using System.Management.Automation;
using GovernanceModule.Core.Connections;

namespace GovernanceModule.Infrastructure
{
    /// <summary>A cmdlet that talks to NERM: -Connection, else the runspace's current connection from Connect-NermTenant.</summary>
    public abstract class NermCmdlet : GovernanceCmdlet
    {
        /// <summary>The NERM connection to use; by default the one the last Connect-NermTenant made.</summary>
        [Parameter]
        [ValidateNotNull]
        public NermConnection? Connection { get; set; }

        protected NermConnection ActiveConnection { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            ActiveConnection = ResolveConnection(Connection, ApiName.Nerm);
        }
    }
}
