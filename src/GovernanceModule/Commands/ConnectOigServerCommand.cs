using System;
using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Connects to an Oracle Identity Governance server with Basic credentials and makes it the current OIG
    /// connection of this PowerShell session. The credentials are checked with one read.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "OigServer")]
    [OutputType(typeof(OigConnection))]
    public sealed class ConnectOigServerCommand : GovernanceCmdlet
    {
        /// <summary>The server, such as https://oig.example.com:14000 (the /iam/governance/selfservice/api/v1 path is added).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public Uri Uri { get; set; } = null!;

        /// <summary>The OIG user and password.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>Accept any server certificate. Only for test servers with self-signed certificates.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Seconds to wait for each answer before giving up.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Write the connection object, to keep it for -Connection.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the certificate of " + Uri.Authority + " will not be validated for this connection.");
            }

            OigConnection connection;
            try
            {
                var options = new ApiClientOptions { SkipCertificateCheck = SkipCertificateCheck, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
                connection = new OigConnection(Uri, Credential.UserName, Credential.Password, options);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "OigInvalidUri", ErrorCategory.InvalidArgument, WithoutUserInfo(Uri)));
                return;
            }

            try
            {
                Run(ct => new ProvTaskClient(connection, Trace).GetPageAsync(null, 1, 1, ct));
            }
            catch (ApiException ex) when (FailsConnection(ex))
            {
                connection.Dispose();
                ThrowTerminating(ex, ConnectErrorId("Oig", ex), WithoutUserInfo(Uri));
                return;
            }
            catch (ApiException ex)
            {
                WriteWarning("Connected, but reading the task list failed: " + ex.Message);
            }

            ConnectionStore.Current.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        /// <summary>The URI as an error's target, without a user:password someone typed into it.</summary>
        private static string WithoutUserInfo(Uri uri) =>
            uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped) : "(a relative URI)";
    }
}
