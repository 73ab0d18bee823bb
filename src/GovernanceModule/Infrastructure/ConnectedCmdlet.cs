using System.Management.Automation;
using GovernanceModule.Core;
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
                ThrowTerminatingError(ErrorRecords.NotConnected(Api));
            }

            if (connection!.IsClosed)
            {
                ThrowTerminatingError(ErrorRecords.ConnectionClosed(Api, connection));
            }

            return connection;
        }

        /// <summary>
        /// Writes a failed read as a non-terminating error with id &lt;Noun&gt;&lt;failure&gt;; refused credentials stop the
        /// command, since no later input could succeed.
        /// </summary>
        protected void WriteApiError(ApiException ex, object? target)
        {
            ThrowIfTerminating(ex);
            WriteError(ErrorRecords.Failed(ex, Api, target));
        }

        /// <summary>Stops the command for a list that cannot be read: id &lt;Noun&gt;List&lt;failure&gt;.</summary>
        protected void ThrowListError(ApiException ex, object? target)
        {
            ThrowIfTerminating(ex);
            ThrowTerminatingError(ErrorRecords.ListFailed(ex, Api, target));
        }

        /// <summary>Writes input refused before any request: id &lt;Noun&gt;InvalidInput.</summary>
        protected void WriteInvalidInput(InputValidationException ex, object? target) => WriteError(ErrorRecords.InvalidInput(ex, Api, target));

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
