using System.Management.Automation;
using GovernanceModule.Core.Connections;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Closes a connection: the one passed with -Connection, else the runspace's current one. The runspace forgets it
    /// as its current connection, so a later command without -Connection asks for a Connect-* as before any connect.
    /// </summary>
    public abstract class DisconnectCmdlet<T> : PSCmdlet
        where T : class, IApiConnection
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public T? Connection { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected abstract ApiName Api { get; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? ConnectionStore.Current.Get<T>();
            if (connection == null)
            {
                WriteVerbose("There is no current " + Api.Display + " connection to close.");
                return;
            }

            if (!ShouldProcess(connection.ToString(), "Close the connection"))
            {
                return;
            }

            ConnectionStore.Current.Forget(connection);
            connection.Dispose();
            WriteVerbose("Closed the " + Api.Display + " connection to " + connection.Uri.Authority + ".");
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
