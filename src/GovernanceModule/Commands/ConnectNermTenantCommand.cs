using System;
using System.Management.Automation;
using System.Security;
using GovernanceModule.Core;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Connects to a SailPoint NERM tenant with a bearer token (a NERM API key) or with ISC client credentials, and
    /// makes it the current NERM connection of this PowerShell session. Settings not given are read from environment
    /// variables (NERM_TENANT, SAIL_NERM_BASE_URL, NERM_TOKEN, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET, SAIL_BASE_URL,
    /// NERM_STATUS_MEMBER). The credentials are checked with one read.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "NermTenant", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(NermConnection))]
    public sealed class ConnectNermTenantCommand : GovernanceCmdlet
    {
        private const string TokenSet = "Token";
        private const string ClientCredentialsSet = "ClientCredentials";

        /// <summary>The tenant name: acme for https://acme.nonemployee.com/api.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Tenant { get; set; }

        /// <summary>The tenant's URL, for hosts other than {tenant}.nonemployee.com (the /api path is added).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        /// <summary>A NERM API key, or a bearer token obtained elsewhere.</summary>
        [Parameter(ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>The client id of an ISC personal access token (or API client).</summary>
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>The client secret that goes with -ClientId.</summary>
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>The ISC tenant's API host, such as https://acme.api.identitynow.com, whose /oauth/token issues the tokens.</summary>
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNull]
        public Uri? IscUri { get; set; }

        /// <summary>The body member that carries a new status: Status (documented) or StatusUid (tenants that need status_uid).</summary>
        [Parameter]
        public NermStatusMember? StatusMember { get; set; }

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
            var request = new NermConnectionRequest
            {
                Tenant = Tenant,
                Uri = Uri,
                Token = Token,
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                IscUri = IscUri,
                StatusMember = StatusMember,
            };

            NermConnection connection;
            try
            {
                var options = new ApiClientOptions { SkipCertificateCheck = SkipCertificateCheck, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
                connection = request.Connect(Environment.GetEnvironmentVariable, options);
            }
            catch (InputValidationException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "NermInvalidConnection", ErrorCategory.InvalidArgument, null));
                return;
            }

            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the certificate of " + connection.Uri.Authority + " will not be validated for this connection.");
            }

            WriteVerbose("Connecting to " + connection + " (status member: " + WorkflowSessionPayload.StatusMemberName(connection.StatusMember) + ").");
            try
            {
                Run(ct => new WorkflowSessionClient(connection, Trace).GetPageAsync(WorkflowSessionFilter.None, 0, 1, ct));
            }
            catch (ApiException ex) when (FailsConnection(ex))
            {
                connection.Dispose();
                ThrowTerminating(ex, ConnectErrorId("Nerm", ex), connection.Uri);
                return;
            }
            catch (ApiException ex)
            {
                WriteWarning("Connected, but reading the workflow session list failed: " + ex.Message);
            }

            ConnectionStore.Current.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
