using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// A cmdlet that talks to one API: -Connection, else the runspace's current connection from the last Connect-*.
    /// The connection's type names the API, and so the start of its error ids.
    /// </summary>
    public abstract class ConnectedCmdlet<TConnection> : GovernanceCmdlet
        where TConnection : class, IApiConnection
    {
        [Parameter]
        [ValidateNotNull]
        public TConnection? Connection { get; set; }

        protected TConnection ActiveConnection { get; private set; } = null!;

        protected static ApiName Api => ApiName.Of(typeof(TConnection));

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            ActiveConnection = ResolveConnection(Connection, Api);
        }

        /// <summary>
        /// Writes a failed request as a non-terminating error with id <paramref name="errorIdPrefix"/> + failure kind;
        /// refused credentials stop the command, since no later input could succeed.
        /// </summary>
        protected void WriteApiError(ApiException ex, string errorIdPrefix, object? target)
        {
            ThrowIfTerminating(ex);
            WriteError(ErrorRecords.Failed(ex, Api, errorIdPrefix, target));
        }

        /// <summary>Stops the command for a failure no later input can avoid, such as a list that cannot be read: id <paramref name="errorIdPrefix"/> + failure kind.</summary>
        protected void ThrowApiError(ApiException ex, string errorIdPrefix, object? target)
        {
            ThrowIfTerminating(ex);
            ThrowTerminatingError(ErrorRecords.Terminating(ex, Api, errorIdPrefix + ex.Failure, target));
        }

        /// <summary>Stops the command with &lt;Api&gt;AuthenticationFailed when the credentials were refused.</summary>
        protected void ThrowIfTerminating(ApiException ex)
        {
            if (ex.IsTerminating)
            {
                ThrowTerminatingError(ErrorRecords.ConnectionFailed(ex, Api, ActiveConnection.Uri));
            }
        }
    }
}
