using System;
using System.Management.Automation;
using GovernanceModule.Core.Connections;

namespace GovernanceModule.Infrastructure
{
    /// <summary>A cmdlet that talks to OIG: -Connection, else the runspace's current connection from Connect-OigServer.</summary>
    public abstract class OigCmdlet : GovernanceCmdlet
    {
        /// <summary>The OIG connection to use; by default the one the last Connect-OigServer made.</summary>
        [Parameter]
        [ValidateNotNull]
        public OigConnection? Connection { get; set; }

        protected OigConnection ActiveConnection { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            ActiveConnection = ResolveConnection(Connection, ApiName.Oig);
        }
    }
}
