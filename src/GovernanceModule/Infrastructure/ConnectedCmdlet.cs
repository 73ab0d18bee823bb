using System;
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
        /// <summary>The connection to use; by default the one the last Connect-* of its API made.</summary>
        [Parameter]
        [ValidateNotNull]
        public TConnection? Connection { get; set; }

        protected TConnection ActiveConnection { get; private set; } = null!;

        protected static ApiName Api => ApiName.Of(typeof(TConnection));

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            ActiveConnection = ResolveConnection();
        }

        /// <summary>
        /// The connection to use: -Connection, else the runspace's current one. A missing or closed connection stops
        /// the command, since no input could be sent.
        /// </summary>
        private TConnection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Current.Get<TConnection>();
            if (connection == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("There is no " + Api.Display + " connection. Run " + Api.ConnectExample + ", or pass -Connection."),
                    Api.ErrorIdPrefix + "NotConnected",
                    ErrorCategory.ConnectionError,
                    null));
            }

            if (connection!.IsClosed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("This " + Api.Display + " connection to " + connection.Uri.Authority + " was closed with " + Api.DisconnectCommand + ". Run " + Api.ConnectCommand + " again."),
                    Api.ErrorIdPrefix + "ConnectionClosed",
                    ErrorCategory.ConnectionError,
                    connection));
            }

            return connection;
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
