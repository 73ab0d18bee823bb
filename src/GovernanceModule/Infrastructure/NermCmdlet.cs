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
            var connection = Connection ?? ConnectionStore.Current.Get<NermConnection>();
            if (connection == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("There is no NERM connection. Run Connect-NermTenant -Tenant <name> -Token <api key> (or with -ClientId/-ClientSecret), or pass -Connection."),
                    "NermNotConnected",
                    ErrorCategory.ConnectionError,
                    null));
            }

            ActiveConnection = connection!;
        }
    }
}
