using System;
using System.Management.Automation;
using System.Security;
using GovernanceModule.Core;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Connects to a SailPoint Identity Security Cloud tenant with an OAuth client (client credentials, also a
    /// personal access token) and makes it the current ISC connection of this PowerShell session. A token is
    /// fetched at once, which proves the credentials. Without parameters it reads SAIL_BASE_URL, SAIL_CLIENT_ID and
    /// SAIL_CLIENT_SECRET, as SailPoint's own PowerShell SDK does, for runbooks.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "IscTenant", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(IscConnection))]
    public sealed class ConnectIscTenantCommand : GovernanceCmdlet
    {
        private const string TenantSet = "Tenant";
        private const string UriSet = "Uri";
        private const string EnvironmentSet = "Environment";

        /// <summary>The tenant name: acme for https://acme.api.identitynow.com.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TenantSet)]
        [ValidateNotNullOrEmpty]
        public string Tenant { get; set; } = string.Empty;

        /// <summary>The API host, such as https://acme.api.identitynow.com or a vanity API URL; a /v3 path is dropped.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri Uri { get; set; } = null!;

        /// <summary>The OAuth client id (or the personal access token's id); default $env:SAIL_CLIENT_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>The client secret; default $env:SAIL_CLIENT_SECRET.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>The client id as user name and the secret as password, instead of -ClientId and -ClientSecret.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

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
            if (Credential != null && (ClientId != null || ClientSecret != null))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give either -Credential or -ClientId and -ClientSecret, not both."), "IscInvalidArgument", ErrorCategory.InvalidArgument, null));
            }

            var request = new IscConnectionRequest
            {
                Tenant = ParameterSetName == TenantSet ? Tenant : null,
                Uri = ParameterSetName == UriSet ? Uri : null,
                ClientId = Credential?.UserName ?? ClientId,
                ClientSecret = Credential?.Password ?? ClientSecret,
            };

            IscConnection connection;
            try
            {
                connection = request.Connect(Environment.GetEnvironmentVariable, new ApiClientOptions { SkipCertificateCheck = SkipCertificateCheck, Timeout = TimeSpan.FromSeconds(TimeoutSec) });
            }
            catch (InputValidationException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "IscInvalidArgument", ErrorCategory.InvalidArgument, null));
                return;
            }

            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the certificate of " + connection.Uri.Authority + " will not be validated for this connection.");
            }

            try
            {
                Run(async ct =>
                {
                    await connection.VerifyAsync(Trace, ct).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ApiException ex)
            {
                connection.Dispose();
                ThrowTerminating(ex, ConnectErrorId("Isc", ex), connection.Uri);
                return;
            }

            ConnectionStore.Current.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
