using System.Collections.Generic;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using Xunit;

namespace GovernanceModule.Core.Tests.Connections
{
    /// <summary>How Connect-NermTenant's parameters and the environment variables of non-interactive runbooks become a connection.</summary>
    public sealed class NermConnectionRequestTests
    {
        private const string Secret = "s3cr3t-value-never-shown";

        [Fact]
        public void A_tenant_name_becomes_its_nonemployee_API_base()
        {
            using var connection = Connect(new NermConnectionRequest { Tenant = "acme", Token = OigTestConnections.Secure(Secret) });

            Assert.Equal("https://acme.nonemployee.com/api/", connection.Uri.ToString());
            Assert.Equal(NermAuthentication.Token, connection.Authentication);
            Assert.Equal(NermStatusMember.Status, connection.StatusMember);
            Assert.DoesNotContain(Secret, connection.ToString());
        }

        [Theory]
        [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/api/")]
        [InlineData("https://acme.nonemployee.com/api", "https://acme.nonemployee.com/api/")]
        [InlineData("https://acme.nonemployee.com/api/", "https://acme.nonemployee.com/api/")]
        public void A_URI_gets_the_api_path_once(string uri, string expected)
        {
            using var connection = Connect(new NermConnectionRequest { Uri = new Uri(uri), Token = OigTestConnections.Secure(Secret) });

            Assert.Equal(expected, connection.Uri.ToString());
        }

        [Fact]
        public void Everything_can_come_from_the_environment_with_SailPoint_SDK_names()
        {
            var environment = new Dictionary<string, string>
            {
                [NermConnectionRequest.UriVariable] = "https://acme.nonemployee.com",
                [NermConnectionRequest.ClientIdVariable] = "client-1",
                [NermConnectionRequest.ClientSecretVariable] = Secret,
                [NermConnectionRequest.IscUriVariable] = "https://acme.api.identitynow.com",
                [NermConnectionRequest.StatusMemberVariable] = "status_uid",
            };

            using var connection = Connect(new NermConnectionRequest(), environment);

            Assert.Equal("SAIL_NERM_BASE_URL", NermConnectionRequest.UriVariable);
            Assert.Equal(new[] { "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "SAIL_BASE_URL" }, new[] { NermConnectionRequest.ClientIdVariable, NermConnectionRequest.ClientSecretVariable, NermConnectionRequest.IscUriVariable });
            Assert.Equal(NermAuthentication.IscClientCredentials, connection.Authentication);
            Assert.Equal("client-1", connection.ClientId);
            Assert.Equal("https://acme.api.identitynow.com/oauth/token", connection.IscTokenUri!.ToString());
            Assert.Equal(NermStatusMember.StatusUid, connection.StatusMember);
            Assert.Equal("NERM https://acme.nonemployee.com/api/ with ISC client client-1", connection.ToString());
        }

        [Fact]
        public void A_NERM_token_in_the_environment_wins_over_ISC_client_variables()
        {
            var environment = new Dictionary<string, string>
            {
                [NermConnectionRequest.TenantVariable] = "acme",
                [NermConnectionRequest.TokenVariable] = Secret,
                [NermConnectionRequest.ClientIdVariable] = "client-1",
            };

            using var connection = Connect(new NermConnectionRequest(), environment);

            Assert.Equal(NermAuthentication.Token, connection.Authentication);
        }

        [Fact]
        public void Parameters_win_over_the_environment()
        {
            var environment = new Dictionary<string, string> { [NermConnectionRequest.TenantVariable] = "other", [NermConnectionRequest.TokenVariable] = "env-token" };

            using var connection = Connect(new NermConnectionRequest { Tenant = "acme", ClientId = "c", ClientSecret = OigTestConnections.Secure(Secret), IscUri = new Uri("https://acme.api.identitynow.com") }, environment);

            Assert.Equal("acme.nonemployee.com", connection.Uri.Host);
            Assert.Equal(NermAuthentication.IscClientCredentials, connection.Authentication);
        }

        [Theory]
        [InlineData("Tenant", "NERM_TENANT")]
        [InlineData("Token", "NERM_TOKEN")]
        public void What_is_missing_is_named_with_its_variable(string parameter, string variable)
        {
            var request = parameter == "Tenant" ? new NermConnectionRequest { Token = OigTestConnections.Secure(Secret) } : new NermConnectionRequest { Tenant = "acme" };

            var ex = Assert.Throws<InputValidationException>(() => Connect(request));

            Assert.Equal(parameter, ex.ParameterName);
            Assert.Contains(variable, ex.Message);
        }

        [Fact]
        public void Client_credentials_without_a_secret_or_ISC_URI_are_refused_naming_the_variable()
        {
            var ex = Assert.Throws<InputValidationException>(() => Connect(new NermConnectionRequest { Tenant = "acme", ClientId = "c" }));
            Assert.Contains("SAIL_CLIENT_SECRET", ex.Message);

            ex = Assert.Throws<InputValidationException>(() => Connect(new NermConnectionRequest { Tenant = "acme", ClientId = "c", ClientSecret = OigTestConnections.Secure(Secret) }));
            Assert.Contains("SAIL_BASE_URL", ex.Message);
        }

        [Fact]
        public void Contradictions_are_refused()
        {
            Assert.Contains("not both", Assert.Throws<InputValidationException>(() => Connect(new NermConnectionRequest { Tenant = "acme", Uri = new Uri("https://x.example.com"), Token = OigTestConnections.Secure(Secret) })).Message);
            Assert.Contains("not both", Assert.Throws<InputValidationException>(() => Connect(new NermConnectionRequest { Tenant = "acme", Token = OigTestConnections.Secure(Secret), ClientId = "c" })).Message);
            Assert.Contains("tenant name", Assert.Throws<InputValidationException>(() => Connect(new NermConnectionRequest { Tenant = "acme.nonemployee.com", Token = OigTestConnections.Secure(Secret) })).Message);
            Assert.Contains("status_uid", Assert.Throws<InputValidationException>(() => Connect(new NermConnectionRequest { Tenant = "acme", Token = OigTestConnections.Secure(Secret) }, new Dictionary<string, string> { [NermConnectionRequest.StatusMemberVariable] = "uid" })).Message);
        }

        private static NermConnection Connect(NermConnectionRequest request, IDictionary<string, string>? environment = null) =>
            request.Connect(name => environment != null && environment.TryGetValue(name, out var value) ? value : null, new ApiClientOptions());
    }
}
