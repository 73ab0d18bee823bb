using System;
using System.Net;
using System.Security;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// What Connect-IscTenant was given, completed from the environment variables of SailPoint's PowerShell SDK for
    /// non-interactive runbooks: every setting not given as a parameter is read from its variable.
    /// </summary>
    public sealed class IscConnectionRequest
    {
        public const string BaseUrlVariable = NermConnectionRequest.IscUriVariable;
        public const string ClientIdVariable = NermConnectionRequest.ClientIdVariable;
        public const string ClientSecretVariable = NermConnectionRequest.ClientSecretVariable;

        public string? Tenant { get; set; }

        public Uri? Uri { get; set; }

        public string? ClientId { get; set; }

        public SecureString? ClientSecret { get; set; }

        /// <summary>Builds the connection; <paramref name="environment"/> reads a variable (null or empty when unset).</summary>
        /// <exception cref="InputValidationException">A setting is missing or invalid; the message names the parameter and its variable.</exception>
        public IscConnection Connect(Func<string, string?> environment, ApiClientOptions options)
        {
            var uri = ResolveUri(environment);
            var clientId = ClientId ?? Read(environment, ClientIdVariable)
                ?? throw new InputValidationException("ClientId", "No client id: give -ClientId or -Credential, or set $env:" + ClientIdVariable + ".");
            var secret = ClientSecret ?? Secure(Read(environment, ClientSecretVariable))
                ?? throw new InputValidationException("ClientSecret", "No client secret: give -ClientSecret or -Credential, or set $env:" + ClientSecretVariable + ".");
            try
            {
                return new IscConnection(uri, clientId.Trim(), secret, options);
            }
            catch (ArgumentException ex) when (!(ex is UnencryptedAuthenticationException))
            {
                throw InputValidationException.From(ex, ex.ParamName == "clientId" ? "ClientId" : "Uri");
            }
        }

        private Uri ResolveUri(Func<string, string?> environment)
        {
            if (Uri != null)
            {
                return Uri;
            }

            if (Tenant != null)
            {
                try
                {
                    return IscConnection.ForTenant(Tenant);
                }
                catch (ArgumentException ex)
                {
                    throw InputValidationException.From(ex, "Tenant");
                }
            }

            var text = Read(environment, BaseUrlVariable)
                ?? throw new InputValidationException("Tenant", "Give -Tenant or -Uri, or set $env:" + BaseUrlVariable + " (such as https://acme.api.identitynow.com).");
            if (!System.Uri.TryCreate(text, UriKind.Absolute, out var fromEnvironment))
            {
                throw new InputValidationException("Uri", "$env:" + BaseUrlVariable + " is not an absolute URI: '" + text + "'.");
            }

            return fromEnvironment;
        }

        private static string? Read(Func<string, string?> environment, string variable)
        {
            var value = environment(variable)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private static SecureString? Secure(string? text)
        {
            if (text == null)
            {
                return null;
            }

            var secure = new NetworkCredential(string.Empty, text).SecurePassword;
            secure.MakeReadOnly();
            return secure;
        }
    }
}
