using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Core.Tests.Isc;
using GovernanceModule.Core.Tests.Nerm;
using GovernanceModule.Core.Tests.Oig;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Nerm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GovernanceModule.Core.Tests.Hygiene
{
    /// <summary>
    /// TLS: the emulator served over HTTPS with a self-signed certificate made here; certificate
    /// validation is on unless SkipCertificateCheck is set, and a rejected certificate is CertificateRejected, says so
    /// (the cmdlet layer adds the advice), is not retried and sends nothing. Timeouts: a server slower than the timeout is Timeout.
    /// </summary>
    public sealed class TransportTests : IAsyncLifetime
    {
        private const string PfxPassword = "transport-test-pfx";

        private readonly string pfxPath = Path.Combine(Path.GetTempPath(), "governance-tls-" + Guid.NewGuid().ToString("N") + ".pfx");
        private WebApplication https = null!;
        private Uri httpsUri = null!;
        private RequestJournal journal = null!;

        public async Task InitializeAsync()
        {
            File.WriteAllBytes(pfxPath, SelfSignedCertificate());
            https = EmulatorHost.CreateApplication(
                new[] { "--urls", "https://127.0.0.1:0", "--Kestrel:Certificates:Default:Path", pfxPath, "--Kestrel:Certificates:Default:Password", PfxPassword },
                new EmulatorOptions());
            await https.StartAsync();
            httpsUri = new Uri(EmulatorHost.GetListeningAddress(https) + "/");
            journal = https.Services.GetRequiredService<RequestJournal>();
        }

        public async Task DisposeAsync()
        {
            await https.StopAsync();
            await https.DisposeAsync();
            File.Delete(pfxPath);
        }

        [Fact]
        public void Certificates_are_checked_and_each_attempt_bounded_unless_told_otherwise()
        {
            var defaults = new ApiClientOptions();

            Assert.False(defaults.SkipCertificateCheck);
            Assert.Equal(TimeSpan.FromSeconds(100), defaults.Timeout);
        }

        [Fact]
        public async Task Oig_refuses_a_self_signed_certificate_sends_nothing_and_accepts_it_only_when_told()
        {
            Assert.Equal("https", httpsUri.Scheme);
            var trace = new RecordingTrace();
            using (var strict = new OigConnection(httpsUri, EmulatorOptions.OigDemoUserName, OigTestConnections.Secure(EmulatorOptions.OigDemoPassword), Options(skip: false)))
            {
                var client = new ProvTaskClient(strict, trace);
                var read = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetPageAsync(null, 1, 1, CancellationToken.None));
                var write = await client.UpdateOneAsync(ProvTaskUpdate.From(new ProvTaskInput { TaskId = "6", Note = "tls" }), CancellationToken.None);
                var bulk = await client.UpdateAsync(new[] { ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), ProvTaskUpdate.Create("1008", ProvTaskAction.Retry) }, CancellationToken.None);

                AssertRejected(read);
                Assert.Equal(ApiFailure.CertificateRejected, write.Failure);
                Assert.Contains("was not accepted", write.Result.Reason);
                Assert.All(bulk, o => Assert.Equal(ApiFailure.CertificateRejected, o.Failure));
                Assert.False(strict.SkipCertificateCheck);
            }

            AssertNothingSentOrRetried(trace);

            using var lenient = new OigConnection(httpsUri, EmulatorOptions.OigDemoUserName, OigTestConnections.Secure(EmulatorOptions.OigDemoPassword), Options(skip: true));
            var page = await new ProvTaskClient(lenient).GetPageAsync(null, 1, 1, CancellationToken.None);
            Assert.Single(page.Tasks);
            Assert.True(lenient.SkipCertificateCheck);
            Assert.Equal(1, journal.Count("oig"));
        }

        [Fact]
        public async Task Nerm_refuses_a_self_signed_certificate_for_the_api_and_for_the_token_and_accepts_it_only_when_told()
        {
            var trace = new RecordingTrace();
            using (var strictKey = new NermConnection(httpsUri, OigTestConnections.Secure(NermEmulatorOptions.DemoApiKeyDefault), NermStatusMember.Status, Options(skip: false)))
            using (var strictIsc = new NermConnection(httpsUri, httpsUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), NermStatusMember.Status, Options(skip: false)))
            {
                AssertRejected(await Assert.ThrowsAnyAsync<ApiException>(() => new WorkflowSessionClient(strictKey, trace).GetPageAsync(WorkflowSessionFilter.None, 0, 1, CancellationToken.None)));
                AssertRejected(await Assert.ThrowsAnyAsync<ApiException>(() => new WorkflowSessionClient(strictIsc, trace).GetPageAsync(WorkflowSessionFilter.None, 0, 1, CancellationToken.None)));
                var update = await new WorkflowSessionClient(strictKey, trace).UpdateAsync(WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = NermSeedData.ExampleSessionId, Status = "approved" }), CancellationToken.None);
                Assert.Equal(ApiFailure.CertificateRejected, update.Failure);
                Assert.Equal(0, strictIsc.TokensFetched);
            }

            AssertNothingSentOrRetried(trace);

            using var lenientKey = new NermConnection(httpsUri, OigTestConnections.Secure(NermEmulatorOptions.DemoApiKeyDefault), NermStatusMember.Status, Options(skip: true));
            using var lenientIsc = new NermConnection(httpsUri, httpsUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), NermStatusMember.Status, Options(skip: true));
            Assert.NotNull(await new WorkflowSessionClient(lenientKey).GetAsync(NermSeedData.ExampleSessionId, CancellationToken.None));
            Assert.NotNull(await new WorkflowSessionClient(lenientIsc).GetAsync(NermSeedData.ExampleSessionId, CancellationToken.None));
            Assert.Equal(1, lenientIsc.TokensFetched);
        }

        [Fact]
        public async Task Isc_refuses_a_self_signed_certificate_before_the_secret_is_sent_and_accepts_it_only_when_told()
        {
            var trace = new RecordingTrace();
            using (var strict = new IscConnection(httpsUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), Options(skip: false), 0))
            {
                AssertRejected(await Assert.ThrowsAnyAsync<ApiException>(() => strict.VerifyAsync(trace, CancellationToken.None)));
                var client = new ProvisioningPolicyClient(strict, trace);
                AssertRejected(await Assert.ThrowsAnyAsync<ApiException>(() => client.GetAsync(IscSeedData.ExampleSourceId, "CREATE", CancellationToken.None)));
                var outcome = await client.ApplyAsync(
                    await client.PlanAsync(PolicyEdit.WithOperations(IscSeedData.ExampleSourceId, "CREATE", false, new[] { new System.Collections.Specialized.OrderedDictionary { ["op"] = "replace", ["path"] = "/description", ["value"] = "tls" } }), CancellationToken.None),
                    CancellationToken.None);
                Assert.Equal(ApiFailure.CertificateRejected, outcome.Failure);
                Assert.Equal(0, strict.TokensFetched);
            }

            AssertNothingSentOrRetried(trace);

            using var lenient = new IscConnection(httpsUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), Options(skip: true), 0);
            await lenient.VerifyAsync(NullApiTrace.Instance, CancellationToken.None);
            var policy = await new ProvisioningPolicyClient(lenient).GetAsync(IscSeedData.ExampleSourceId, "CREATE", CancellationToken.None);
            Assert.Equal("CREATE", policy.UsageType);
            Assert.True(lenient.SkipCertificateCheck);
        }

        // ---- timeouts (plain HTTP emulator with a latency fault) ----

        [Fact]
        public async Task Oig_slow_answers_are_Timeout_errors_per_item_and_for_reads()
        {
            await using var emulator = await EmulatorHost.StartAsync();
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, LatencyMs = 3000 });
            using var connection = OigTestConnections.Demo(emulator, timeout: TimeSpan.FromMilliseconds(300));
            var client = new ProvTaskClient(connection);

            var single = await client.UpdateOneAsync(ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), CancellationToken.None);
            var bulk = await client.UpdateAsync(new[] { ProvTaskUpdate.From(new ProvTaskInput { TaskId = "6", Note = "n" }), ProvTaskUpdate.Create("1008", ProvTaskAction.Retry) }, CancellationToken.None);
            var read = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetPageAsync(null, 1, 1, CancellationToken.None));

            Assert.Equal(ApiFailure.Timeout, single.Failure);
            Assert.Contains("0.3 s", single.Result.Reason);
            Assert.Contains("unknown", single.Result.Reason);
            Assert.All(bulk, o => Assert.Equal(ApiFailure.Timeout, o.Failure));
            Assert.Equal(ApiFailure.Timeout, read.Failure);
        }

        [Fact]
        public async Task Nerm_slow_answers_are_Timeout_errors_per_item_and_for_reads()
        {
            await using var emulator = await EmulatorHost.StartAsync();
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Nerm, LatencyMs = 3000 });
            using var connection = NermTestConnections.ApiKey(emulator, timeout: TimeSpan.FromMilliseconds(300));
            var client = new WorkflowSessionClient(connection);

            var update = await client.UpdateAsync(WorkflowSessionUpdate.From(new WorkflowSessionInput { Id = NermSeedData.ExampleSessionId, Status = "approved" }), CancellationToken.None);
            var read = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetAsync(NermSeedData.ExampleSessionId, CancellationToken.None));

            Assert.Equal(ApiFailure.Timeout, update.Failure);
            Assert.Equal(ApiFailure.Timeout, read.Failure);
        }

        [Fact]
        public async Task Isc_slow_answers_and_a_slow_token_endpoint_are_Timeout_errors()
        {
            await using var emulator = await EmulatorHost.StartAsync();
            var options = new ApiClientOptions { Retry = OigTestConnections.FastRetry(), Timeout = TimeSpan.FromMilliseconds(300) };
            using var connection = new IscConnection(emulator.BaseUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(EmulatorOptions.IscDemoClientSecret), options, 0);
            var client = new ProvisioningPolicyClient(connection);

            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "POST", LatencyMs = 3000 });
            var token = await Assert.ThrowsAnyAsync<ApiException>(() => connection.VerifyAsync(NullApiTrace.Instance, CancellationToken.None));
            emulator.Faults.Clear();
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "GET", LatencyMs = 3000 });
            var read = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetAsync(IscSeedData.ExampleSourceId, "CREATE", CancellationToken.None));
            emulator.Faults.Clear();
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "PATCH", LatencyMs = 3000, Count = 1 });
            var write = await client.ApplyAsync(
                await client.PlanAsync(PolicyEdit.WithChanges(IscSeedData.ExampleSourceId, "CREATE", false, new PolicyChanges().WithDescription("slow")), CancellationToken.None),
                CancellationToken.None);

            Assert.Equal(ApiFailure.Timeout, token.Failure);
            Assert.Equal(ApiFailure.Timeout, read.Failure);
            Assert.Equal(ApiFailure.Timeout, write.Failure);
        }

        private static ApiClientOptions Options(bool skip) =>
            new ApiClientOptions { SkipCertificateCheck = skip, Retry = OigTestConnections.FastRetry(), Timeout = TimeSpan.FromSeconds(30) };

        private static void AssertRejected(ApiException ex)
        {
            Assert.Equal(ApiFailure.CertificateRejected, ex.Failure);
            Assert.Contains("was not accepted", ex.Message);
            Assert.Contains("Nothing was sent", ex.Message);
            Assert.DoesNotContain("-SkipCertificateCheck", ex.Message);
        }

        private void AssertNothingSentOrRetried(RecordingTrace trace)
        {
            Assert.Empty(journal.Entries(null));
            Assert.DoesNotContain(trace.VerboseLines, l => l.Contains("retrying", StringComparison.Ordinal));
        }

        private static byte[] SelfSignedCertificate()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            return certificate.Export(X509ContentType.Pfx, PfxPassword);
        }
    }
}
