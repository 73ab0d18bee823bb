using System.Collections.Generic;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using Xunit;

namespace GovernanceModule.Core.Tests.Connections
{
    /// <summary>How Connect-IscTenant's parameters and the SAIL_* variables of runbooks become a connection.</summary>
    public sealed class IscConnectionRequestTests
    {
        private const string Secret = "isc-s3cr3t-never-shown";

        [Fact]
        public void A_tenant_name_becomes_its_API_host()
        {
            using var connection = Connect(new IscConnectionRequest { Tenant = "acme", ClientId = "client-1", ClientSecret = OigTestConnections.Secure(Secret) });

            Assert.Equal("https://acme.api.identitynow.com/", connection.Uri.ToString());
            Assert.Equal("client-1", connection.ClientId);
            Assert.DoesNotContain(Secret, connection.ToString());
        }

        [Fact]
        public void Everything_can_come_from_the_SailPoint_SDK_variables()
        {
            var environment = new Dictionary<string, string>
            {
                ["SAIL_BASE_URL"] = " https://vanity.example.com/v3 ",
                ["SAIL_CLIENT_ID"] = "from-env",
                ["SAIL_CLIENT_SECRET"] = Secret,
            };

            using var connection = new IscConnectionRequest().Connect(name => environment.TryGetValue(name, out var value) ? value : null, new ApiClientOptions());

            Assert.Equal("https://vanity.example.com/", connection.Uri.ToString());
            Assert.Equal("from-env", connection.ClientId);
        }

        [Theory]
        [InlineData(null, "id", Secret, "SAIL_BASE_URL")]
        [InlineData("not a uri", "id", Secret, "not an absolute URI")]
        [InlineData("https://acme.api.identitynow.com", null, Secret, "SAIL_CLIENT_ID")]
        [InlineData("https://acme.api.identitynow.com", "id", null, "SAIL_CLIENT_SECRET")]
        public void A_missing_or_bad_setting_names_its_parameter_and_variable(string? baseUrl, string? clientId, string? secret, string expected)
        {
            var environment = new Dictionary<string, string?> { ["SAIL_BASE_URL"] = baseUrl, ["SAIL_CLIENT_ID"] = clientId, ["SAIL_CLIENT_SECRET"] = secret };

            var ex = Assert.Throws<InputValidationException>(() => new IscConnectionRequest().Connect(name => environment.TryGetValue(name, out var value) ? value : null, new ApiClientOptions()));

            Assert.Contains(expected, ex.Message);
            Assert.DoesNotContain(Secret, ex.Message);
        }

        [Fact]
        public void Parameters_win_over_the_environment()
        {
            var environment = new Dictionary<string, string> { ["SAIL_BASE_URL"] = "https://other.example.com", ["SAIL_CLIENT_ID"] = "env-id", ["SAIL_CLIENT_SECRET"] = "env" };

            using var connection = new IscConnectionRequest { Uri = new Uri("https://acme.api.identitynow.com"), ClientId = "param-id" }
                .Connect(name => environment.TryGetValue(name, out var value) ? value : null, new ApiClientOptions());

            Assert.Equal("https://acme.api.identitynow.com/", connection.Uri.ToString());
            Assert.Equal("param-id", connection.ClientId);
        }

        private static IscConnection Connect(IscConnectionRequest request) => request.Connect(_ => null, new ApiClientOptions());
    }
}
