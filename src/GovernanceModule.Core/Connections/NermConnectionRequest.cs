using System;
using System.Net;
using System.Security;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;

namespace GovernanceModule.Core.Connections
{
    /// <summary>
    /// What Connect-NermTenant was given, completed from environment variables for non-interactive runbooks: every
    /// setting not given as a parameter is read from its variable. The SAIL_* names are those of SailPoint's SDKs.
    /// </summary>
    public sealed class NermConnectionRequest
    {
        public const string TenantVariable = "NERM_TENANT";
        public const string UriVariable = "SAIL_NERM_BASE_URL";
        public const string TokenVariable = "NERM_TOKEN";
        public const string ClientIdVariable = "SAIL_CLIENT_ID";
        public const string ClientSecretVariable = "SAIL_CLIENT_SECRET";
        public const string IscUriVariable = "SAIL_BASE_URL";
        public const string StatusMemberVariable = "NERM_STATUS_MEMBER";

        public string? Tenant { get; set; }

        public Uri? Uri { get; set; }

        public SecureString? Token { get; set; }

        public string? ClientId { get; set; }

        public SecureString? ClientSecret { get; set; }

        public Uri? IscUri { get; set; }

        public NermStatusMember? StatusMember { get; set; }

        /// <summary>Builds the connection; <paramref name="environment"/> reads a variable (null or empty when unset).</summary>
        /// <exception cref="InputValidationException">A setting is missing or contradicts another; the message names the parameter and its variable.</exception>
        public NermConnection Connect(Func<string, string?> environment, ApiClientOptions options)
        {
            var uri = ResolveUri(environment);
            var statusMember = StatusMember ?? ReadStatusMember(environment);
            try
            {
                if (Token != null || (!GivesClientCredentials && Read(environment, TokenVariable) != null))
                {
                    if (GivesClientCredentials)
                    {
                        throw new InputValidationException("Token", "Give -Token or the ISC client credentials (-ClientId, -ClientSecret, -IscUri), not both.");
                    }

                    return new NermConnection(uri, Token ?? Secure(Read(environment, TokenVariable)!), statusMember, options);
                }

                var clientId = ClientId ?? Read(environment, ClientIdVariable);
                if (clientId == null)
                {
                    throw new InputValidationException(
                        "Token",
                        "No NERM credentials: give -Token (a NERM API key or a bearer token) or -ClientId and -ClientSecret (an ISC personal access token), or set " + TokenVariable + ", or " + ClientIdVariable + " and " + ClientSecretVariable + ".");
                }

                var secret = ClientSecret ?? Secure(Required(environment, "ClientSecret", ClientSecretVariable));
                var iscUri = IscUri ?? ParseUri(Required(environment, "IscUri", IscUriVariable), "IscUri", IscUriVariable);
                return new NermConnection(uri, iscUri, clientId, secret, statusMember, options);
            }
            catch (ArgumentException ex) when (!(ex is UnencryptedAuthenticationException))
            {
                throw InputValidationException.From(ex, ex.ParamName == "iscUri" ? "IscUri" : "Uri");
            }
        }

        private bool GivesClientCredentials => ClientId != null || ClientSecret != null || IscUri != null;

        private Uri ResolveUri(Func<string, string?> environment)
        {
            if (Tenant != null && Uri != null)
            {
                throw new InputValidationException("Tenant", "Give -Tenant or -Uri, not both.");
            }

            try
            {
                if (Uri != null)
                {
                    return NermConnection.ToApiBase(Uri);
                }

                if (Tenant != null)
                {
                    return NermConnection.ForTenant(Tenant);
                }

                var fromUri = Read(environment, UriVariable);
                if (fromUri != null)
                {
                    return NermConnection.ToApiBase(ParseUri(fromUri, "Uri", UriVariable));
                }

                var fromTenant = Read(environment, TenantVariable);
                if (fromTenant != null)
                {
                    return NermConnection.ForTenant(fromTenant);
                }
            }
            catch (ArgumentException ex)
            {
                throw InputValidationException.From(ex, "Tenant");
            }

            throw new InputValidationException("Tenant", "No NERM tenant: give -Tenant (such as acme) or -Uri, or set " + TenantVariable + " or " + UriVariable + ".");
        }

        private static NermStatusMember ReadStatusMember(Func<string, string?> environment)
        {
            var text = Read(environment, StatusMemberVariable);
            if (text == null)
            {
                return NermStatusMember.Status;
            }

            var normalized = text.Replace("_", string.Empty);
            foreach (NermStatusMember member in Enum.GetValues(typeof(NermStatusMember)))
            {
                if (string.Equals(member.ToString(), normalized, StringComparison.OrdinalIgnoreCase))
                {
                    return member;
                }
            }

            throw new InputValidationException("StatusMember", StatusMemberVariable + " is '" + text + "'; use status or status_uid.");
        }

        private static string Required(Func<string, string?> environment, string parameter, string variable) =>
            Read(environment, variable) ?? throw new InputValidationException(parameter, "ISC client credentials need -" + parameter + " (or " + variable + ").");

        private static Uri ParseUri(string text, string parameter, string variable)
        {
            if (System.Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            throw new InputValidationException(parameter, variable + " is not an absolute URI: '" + text + "'.");
        }

        private static string? Read(Func<string, string?> environment, string variable)
        {
            var value = environment(variable)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        private static SecureString Secure(string text)
        {
            var secure = new NetworkCredential(string.Empty, text).SecurePassword;
            secure.MakeReadOnly();
            return secure;
        }
    }
}
