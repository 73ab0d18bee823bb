using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class ConnectIscTenantCommand : ConnectCmdlet<IscConnection>
    {
        private const string TenantSet = "Tenant";
        private const string UriSet = "Uri";
        private const string EnvironmentSet = "Environment";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TenantSet)]
        [ValidateNotNullOrEmpty]
        public string Tenant { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = UriSet)]
        [ValidateNotNull]
        public Uri Uri { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Fetching a token is the check: any failure leaves the connection without one.</summary>
        protected override string? CheckReads => null;

        protected override IscConnection Open(ApiClientOptions options)
        {
            if (Credential != null && (ClientId != null || ClientSecret != null))
            {
                throw new ArgumentException("Give either -Credential or -ClientId and -ClientSecret, not both.");
            }

            return new IscConnectionRequest
            {
                Tenant = ParameterSetName == TenantSet ? Tenant : null,
                Uri = ParameterSetName == UriSet ? Uri : null,
                ClientId = Credential?.UserName ?? ClientId,
                ClientSecret = Credential?.Password ?? ClientSecret,
            }.Connect(Environment.GetEnvironmentVariable, options);
        }

        protected override Task CheckAsync(IscConnection connection, CancellationToken cancellationToken) => connection.VerifyAsync(Trace, cancellationToken);
    }
}
