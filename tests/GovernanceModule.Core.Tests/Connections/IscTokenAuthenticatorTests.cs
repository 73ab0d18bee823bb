using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Tests.Oig;
using GovernanceModule.Emulator;
using Xunit;

namespace GovernanceModule.Core.Tests.Connections
{
    /// <summary>The ISC client-credentials token shared by the NERM and ISC connections, against the emulator's /oauth/token.</summary>
    public sealed class IscTokenAuthenticatorTests : IAsyncLifetime
    {
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task One_token_serves_many_requests_until_a_401_asks_for_a_new_one()
        {
            using var authenticator = Create(EmulatorOptions.IscDemoClientSecret);
            var trace = new RecordingTrace();

            var first = await AuthorizeAsync(authenticator, trace);
            var second = await AuthorizeAsync(authenticator, trace);
            Assert.Equal(first, second);
            Assert.StartsWith("Bearer ey", first);
            Assert.Equal(1, emulator.Journal.Count("isc", "POST", "/oauth/token"));

            Assert.True(await authenticator.TryRefreshAsync(trace, CancellationToken.None));
            Assert.NotEqual(first, await AuthorizeAsync(authenticator, trace));
            Assert.Equal(2, emulator.Journal.Count("isc", "POST", "/oauth/token"));

            var form = Assert.Single(emulator.Journal.Entries("isc").Take(1));
            Assert.Contains("grant_type=client_credentials", form.Body);
            Assert.DoesNotContain(trace.VerboseLines.Concat(trace.DebugLines), l => l.Contains(EmulatorOptions.IscDemoClientSecret) || l.Contains(first.Substring(7)));
        }

        [Fact]
        public async Task A_token_is_renewed_shortly_before_it_expires()
        {
            var now = DateTimeOffset.UtcNow;
            using var authenticator = Create(EmulatorOptions.IscDemoClientSecret, () => now);
            var first = await AuthorizeAsync(authenticator, NullApiTrace.Instance);

            now += TimeSpan.FromSeconds(EmulatorOptions.IscTokenLifetimeSecondsDefault - 120);
            Assert.Equal(first, await AuthorizeAsync(authenticator, NullApiTrace.Instance));

            now += TimeSpan.FromSeconds(90);
            Assert.NotEqual(first, await AuthorizeAsync(authenticator, NullApiTrace.Instance));
            Assert.Equal(2, authenticator.TokensFetched);
        }

        [Fact]
        public async Task A_wrong_secret_is_a_terminating_Unauthorized_that_does_not_echo_the_secret()
        {
            using var authenticator = Create("not-the-secret");

            var ex = await Assert.ThrowsAsync<ApiException>(() => AuthorizeAsync(authenticator, NullApiTrace.Instance));

            Assert.Equal(ApiFailure.Unauthorized, ex.Failure);
            Assert.True(ex.IsTerminating);
            Assert.Contains("invalid_client", ex.Message);
            Assert.DoesNotContain("not-the-secret", ex.Message);
        }

        private IscTokenAuthenticator Create(string secret, Func<DateTimeOffset>? clock = null) =>
            new IscTokenAuthenticator(emulator.BaseUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(secret), new ApiClientOptions { Retry = OigTestConnections.FastRetry() }, clock);

        private static async Task<string> AuthorizeAsync(IscTokenAuthenticator authenticator, IApiTrace trace)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
            await authenticator.AuthorizeAsync(request, trace, CancellationToken.None);
            return request.Headers.Authorization!.ToString();
        }
    }
}
