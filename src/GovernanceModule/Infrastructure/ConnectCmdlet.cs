using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// What every Connect-* does: make the connection from its parameters (environment variables fill the gaps),
    /// check it with one request, make it the runspace's current connection of its API, and write it with -PassThru.
    /// A connection that cannot be used (credentials refused, no server, no answer, an untrusted certificate, a server
    /// that is not the API) ends the command with &lt;Api&gt;AuthenticationFailed, &lt;Api&gt;Unreachable,
    /// &lt;Api&gt;CertificateRejected or &lt;Api&gt;ApiNotFound, and leaves no connection of the API current.
    /// </summary>
    public abstract class ConnectCmdlet<TConnection> : GovernanceCmdlet
        where TConnection : class, IApiConnection
    {
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private static ApiName Api => ApiName.Of(typeof(TConnection));

        /// <summary>
        /// What the check reads, for the warning when it fails in a way that leaves the connection usable (a 403 on a
        /// list); null when every failed check ends the command.
        /// </summary>
        protected abstract string? CheckReads { get; }

        /// <summary>Makes the connection; throws ArgumentException (InputValidationException) for parameters that make none.</summary>
        protected abstract TConnection Open(ApiClientOptions options);

        /// <summary>One request that proves the connection: credentials accepted, server reached.</summary>
        protected abstract Task CheckAsync(TConnection connection, CancellationToken cancellationToken);

        /// <summary>The target of the errors that end the command.</summary>
        protected virtual object? ErrorTarget(TConnection? connection) => connection?.Uri;

        protected override void EndProcessing()
        {
            // All or nothing: until the new connection is proven, none is current, so a failed connect never leaves
            // the previous server as the target of the next command.
            ConnectionStore.Current.Drop<TConnection>();
            TConnection connection;
            try
            {
                connection = Open(new ApiClientOptions
                {
                    SkipCertificateCheck = SkipCertificateCheck,
                    AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                });
            }
            catch (UnencryptedAuthenticationException ex)
            {
                ThrowTerminatingError(ErrorRecords.UnencryptedAuthentication(ex, Api));
                return;
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidConnection(InputValidationException.From(ex, ex.ParamName ?? string.Empty), Api, ErrorTarget(null)));
                return;
            }
            catch (InputValidationException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidConnection(ex, Api, ErrorTarget(null)));
                return;
            }

            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the certificate of " + connection.Uri.Authority + " will not be validated for this connection.");
            }

            if (AllowUnencryptedAuthentication && !connection.IsEncrypted)
            {
                WriteWarning("-AllowUnencryptedAuthentication: the credentials of this connection to " + connection.Uri.Authority + " go unencrypted (http) with every request.");
            }

            try
            {
                WaitFor(async ct =>
                {
                    await CheckAsync(connection, ct).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ApiException ex) when (CheckReads == null || !LeavesConnectionUsable(ex))
            {
                connection.Dispose();
                ThrowTerminatingError(ErrorRecords.IsNotTheApi(ex.Failure)
                    ? ErrorRecords.NotTheApi(ex, Api, connection.Uri, ErrorTarget(connection))
                    : ErrorRecords.ConnectionFailed(ex, Api, ErrorTarget(connection)));
                return;
            }
            catch (ApiException ex)
            {
                WriteWarning("Connected, but reading " + CheckReads + " failed: " + ex.Message);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            ConnectionStore.Current.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        /// <summary>
        /// The server is the API but would not serve the check now: this user may not read the list (403), or it is
        /// busy (429, 5xx). Any other failure (a 404 from a wrong path, an answer that is not the API's) leaves no use
        /// in the connection.
        /// </summary>
        private static bool LeavesConnectionUsable(ApiException ex) =>
            ex.Failure == ApiFailure.Forbidden || ex.Failure == ApiFailure.Throttled || ex.Failure == ApiFailure.ServerError;
    }
}
