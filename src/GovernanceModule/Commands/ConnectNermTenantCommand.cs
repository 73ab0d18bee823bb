using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class ConnectNermTenantCommand : ConnectCmdlet<NermConnection>
    {
        private const string TokenSet = "Token";
        private const string ClientCredentialsSet = "ClientCredentials";

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Tenant { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? Uri { get; set; }

        [Parameter(ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNull]
        public Uri? IscUri { get; set; }

        [Parameter]
        public NermStatusMember? StatusMember { get; set; }

        protected override string? CheckReads => "the workflow session list";

        protected override NermConnection Open(ApiClientOptions options) =>
            new NermConnectionRequest
            {
                Tenant = Tenant,
                Uri = Uri,
                Token = Token,
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                IscUri = IscUri,
                StatusMember = StatusMember,
            }.Connect(Environment.GetEnvironmentVariable, options);

        protected override Task CheckAsync(NermConnection connection, CancellationToken cancellationToken)
        {
            Trace.Verbose("Connecting to " + connection + " (status member: " + WorkflowSessionPayload.StatusMemberName(connection.StatusMember) + ").");
            return new WorkflowSessionClient(connection, Trace).GetPageAsync(WorkflowSessionFilter.None, 0, 1, cancellationToken);
        }
    }
}
