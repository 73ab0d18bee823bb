using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Tests.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Xunit;

namespace GovernanceModule.Core.Tests.Http
{
    /// <summary>
    /// The rules of ApiClient's handlers that the client suites do not already pin, each through a real ApiClient
    /// against the emulator: a 401 renews credentials once per request and is no retry; a resent attempt carries the
    /// same body; every attempt holds a rate-limit slot; a timed-out attempt is not sent again.
    /// </summary>
    public sealed class PipelineTests : IAsyncLifetime
    {
        private const string TaskPath = "provtasks/6";
        private const string NoteBody = "{\"action\":\"setNote\",\"fields\":[{\"name\":\"Process Instance.Task Details.Note\",\"value\":\"pipeline test\"}]}";
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task A_401_renews_the_credentials_and_resends_the_same_attempt_without_counting_a_retry()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, Method = "PUT", Status = 401, Count = 1 });
            var authenticator = new RenewingAuthenticator();
            using var client = Client(authenticator);

            var response = await client.SendAsync(NotePut(), NullApiTrace.Instance, CancellationToken.None);

            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(1, response.Attempts);
            Assert.Equal(0, client.Retries);
            Assert.Equal(1, authenticator.Renewals);
            Assert.Equal(2, authenticator.Authorizations);
            Assert.Equal(new[] { NoteBody, NoteBody }, emulator.Journal.Entries(ApiNames.Oig).Where(e => e.Method == "PUT").Select(e => e.Body));
        }

        [Fact]
        public async Task Credentials_are_renewed_at_most_once_per_request()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, Method = "PUT", Status = 401 });
            var authenticator = new RenewingAuthenticator();
            using var client = Client(authenticator);

            var response = await client.SendAsync(NotePut(), NullApiTrace.Instance, CancellationToken.None);

            Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
            Assert.Equal(1, authenticator.Renewals);
            Assert.Equal(2, emulator.Journal.Count(ApiNames.Oig, "PUT"));
        }

        [Fact]
        public async Task A_retried_attempt_sends_the_same_body_and_is_counted()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, Method = "PUT", Status = 503, RetryAfterSeconds = 0, Count = 1 });
            var trace = new RecordingTrace();
            using var client = Client(new RenewingAuthenticator());

            var response = await client.SendAsync(NotePut(), trace, CancellationToken.None);

            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(2, response.Attempts);
            Assert.Equal(1, client.Retries);
            Assert.Contains(trace.VerboseLines, l => l.Contains("it answered 503; retrying in 0 s (attempt 2)", StringComparison.Ordinal));
            Assert.Contains(trace.VerboseLines, l => l.Contains("200 OK", StringComparison.Ordinal) && l.EndsWith("(attempt 2)", StringComparison.Ordinal));
            var puts = emulator.Journal.Entries(ApiNames.Oig).Where(e => e.Method == "PUT").ToList();
            Assert.Equal(new[] { 503, 200 }, puts.Select(e => e.Status));
            Assert.All(puts, p => Assert.Equal(NoteBody, p.Body));
        }

        [Fact]
        public async Task Every_attempt_holds_a_slot_of_the_client_rate_limit()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, Method = "GET", Status = 500, Count = 1 });
            var limiter = new RequestRateLimiter(2, TimeSpan.FromMinutes(5));
            using var client = Client(new RenewingAuthenticator(), new ApiClientOptions { Retry = OigTestConnections.FastRetry(), RateLimiter = limiter });

            var response = await client.SendAsync(new ApiRequest(HttpMethod.Get, TaskPath), NullApiTrace.Instance, CancellationToken.None);

            Assert.Equal(2, response.Attempts);
            using var full = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(NullApiTrace.Instance, full.Token));
        }

        [Fact]
        public async Task A_timed_out_attempt_is_not_sent_again_even_when_idempotent()
        {
            var options = new ApiClientOptions { Retry = OigTestConnections.FastRetry(), Timeout = TimeSpan.FromSeconds(30) };
            using var client = Client(new RenewingAuthenticator(), options);
            var read = new ApiRequest(HttpMethod.Get, TaskPath);
            await client.SendAsync(read, NullApiTrace.Instance, CancellationToken.None); // the connection is open before the timed part
            options.Timeout = TimeSpan.FromSeconds(1);
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, Method = "GET", LatencyMs = 4000 });

            var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(read, NullApiTrace.Instance, CancellationToken.None));

            Assert.Equal(ApiFailure.Timeout, ex.Failure);
            Assert.Contains("no answer within 1 s", ex.Message);
            Assert.Equal(0, client.Retries);
            Assert.Equal(2, await JournalCountAsync("GET", atLeast: 2));
        }

        /// <summary>The journal's count of one method: the server journals an aborted request only when it notices the abort, so this waits up to 20 s for <paramref name="atLeast"/>, then a moment more for any later one.</summary>
        private async Task<int> JournalCountAsync(string method, int atLeast)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (emulator.Journal.Count(ApiNames.Oig, method) < atLeast && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            await Task.Delay(1500);
            return emulator.Journal.Count(ApiNames.Oig, method);
        }

        private ApiClient Client(IAuthenticator authenticator, ApiClientOptions? options = null)
        {
            options ??= new ApiClientOptions { Retry = OigTestConnections.FastRetry() };
            options.WriteHeaders["X-Requested-By"] = "GovernanceModule";
            return new ApiClient(emulator.OigBaseUri, authenticator, options);
        }

        private static ApiRequest NotePut() => new ApiRequest(HttpMethod.Put, TaskPath, NoteBody) { Idempotent = true };

        /// <summary>The demo user's Basic credentials, counting how often they are put on and renewed; a renewal always succeeds.</summary>
        private sealed class RenewingAuthenticator : IAuthenticator
        {
            private readonly BasicAuthenticator basic = new BasicAuthenticator(EmulatorOptions.OigDemoUserName, OigTestConnections.Secure(EmulatorOptions.OigDemoPassword));
            private int authorizations;
            private int renewals;

            public int Authorizations => authorizations;

            public int Renewals => renewals;

            public Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref authorizations);
                return basic.AuthorizeAsync(request, trace, cancellationToken);
            }

            public Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref renewals);
                return Task.FromResult(true);
            }
        }
    }
}
