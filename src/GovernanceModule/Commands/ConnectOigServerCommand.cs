using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class ConnectOigServerCommand : ConnectCmdlet<OigConnection>
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public Uri Uri { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = null!;

        protected override string? CheckReads => "the task list";

        protected override OigConnection Open(ApiClientOptions options) => new OigConnection(Uri, Credential.UserName, Credential.Password, options);

        protected override Task CheckAsync(OigConnection connection, CancellationToken cancellationToken) =>
            new ProvTaskClient(connection, Trace).GetPageAsync(null, 1, 1, cancellationToken);

        protected override object? ErrorTarget(OigConnection? connection) => WithoutUserInfo(Uri);

        /// <summary>The URI as an error's target, without a user:password someone typed into it.</summary>
        private static string WithoutUserInfo(Uri uri) =>
            uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped) : "(a relative URI)";
    }
}
