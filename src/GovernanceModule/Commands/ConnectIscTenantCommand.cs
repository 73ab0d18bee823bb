using System;
using System.Management.Automation;
using System.Net;
using System.Security;
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
        public const string BaseUrlVariable = "SAIL_BASE_URL";
        public const string ClientIdVariable = "SAIL_CLIENT_ID";
        public const string ClientSecretVariable = "SAIL_CLIENT_SECRET";

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
            var uri = ResolveUri();
            var (clientId, secret) = ResolveClient();
            if (SkipCertificateCheck)
            {
                WriteWarning("-SkipCertificateCheck: the certificate of " + uri.Authority + " will not be validated for this connection.");
            }

            IscConnection connection;
            try
            {
                connection = new IscConnection(uri, clientId, secret, new ApiClientOptions { SkipCertificateCheck = SkipCertificateCheck, Timeout = TimeSpan.FromSeconds(TimeoutSec) });
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "IscInvalidArgument", ErrorCategory.InvalidArgument, uri));
                return;
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
                ThrowTerminating(ex, ex.Failure == ApiFailure.Unauthorized ? "IscAuthenticationFailed" : "IscUnreachable", uri);
                return;
            }

            ConnectionStore.Current.Set(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private Uri ResolveUri()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case TenantSet:
                        return IscConnection.ForTenant(Tenant);
                    case UriSet:
                        return Uri;
                    default:
                        var text = Environment.GetEnvironmentVariable(BaseUrlVariable);
                        if (string.IsNullOrWhiteSpace(text))
                        {
                            throw new ArgumentException("Give -Tenant or -Uri, or set $env:" + BaseUrlVariable + " (such as https://acme.api.identitynow.com).");
                        }

                        if (!Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var fromEnvironment))
                        {
                            throw new ArgumentException("$env:" + BaseUrlVariable + " is not an absolute URI: '" + text + "'.");
                        }

                        return fromEnvironment;
                }
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "IscInvalidArgument", ErrorCategory.InvalidArgument, null));
                throw;
            }
        }

        private (string ClientId, SecureString Secret) ResolveClient()
        {
            if (Credential != null && (ClientId != null || ClientSecret != null))
            {
                Refuse("Give either -Credential or -ClientId and -ClientSecret, not both.");
            }

            var clientId = Credential?.UserName ?? ClientId ?? Environment.GetEnvironmentVariable(ClientIdVariable);
            if (string.IsNullOrWhiteSpace(clientId))
            {
                Refuse("No client id: give -ClientId or -Credential, or set $env:" + ClientIdVariable + ".");
            }

            var secret = Credential?.Password ?? ClientSecret ?? FromEnvironment(ClientSecretVariable);
            if (secret == null || secret.Length == 0)
            {
                Refuse("No client secret: give -ClientSecret or -Credential, or set $env:" + ClientSecretVariable + ".");
            }

            return (clientId!.Trim(), secret!);
        }

        private static SecureString? FromEnvironment(string name)
        {
            var text = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            var secure = new NetworkCredential(string.Empty, text).SecurePassword;
            secure.MakeReadOnly();
            return secure;
        }

        private void Refuse(string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "IscMissingCredential", ErrorCategory.InvalidArgument, null));
    }
}
