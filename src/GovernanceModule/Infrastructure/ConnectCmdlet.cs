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
    /// A connection that cannot be used (credentials refused, no server, no answer, an untrusted certificate) ends
    /// the command with &lt;Api&gt;AuthenticationFailed, &lt;Api&gt;Unreachable or &lt;Api&gt;CertificateRejected.
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
            TConnection connection;
            try
            {
                connection = Open(new ApiClientOptions { SkipCertificateCheck = SkipCertificateCheck, Timeout = TimeSpan.FromSeconds(TimeoutSec) });
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InputValidationException)
            {
                ThrowTerminatingError(ErrorRecords.InvalidConnection(ex, Api, ErrorTarget(null)));
                return;
            }

            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the certificate of " + connection.Uri.Authority + " will not be validated for this connection.");
            }

            try
            {
                WaitFor(async ct =>
                {
                    await CheckAsync(connection, ct).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ApiException ex) when (CheckReads == null || FailsConnection(ex))
            {
                connection.Dispose();
                ThrowTerminatingError(ErrorRecords.ConnectionFailed(ex, Api, ErrorTarget(connection)));
                return;
            }
            catch (ApiException ex)
            {
                WriteWarning("Connected, but reading " + CheckReads + " failed: " + ex.Message);
            }

            ConnectionStore.Current.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private static bool FailsConnection(ApiException ex) =>
            ex.Failure == ApiFailure.Unauthorized || ex.Failure == ApiFailure.Unreachable || ex.Failure == ApiFailure.Timeout || ex.Failure == ApiFailure.CertificateRejected;
    }
}
