using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Emulator;

namespace GovernanceModule.Core.Tests.Isc
{
    /// <summary>ISC connections to an in-process emulator with short retry waits; each test's emulator has its own port, so its own client-side limiter.</summary>
    internal static class IscTestConnections
    {
        public static IscConnection Demo(EmulatorHost emulator, int requestsPerWindow = 0, RetryPolicy? retry = null) =>
            Connect(emulator, EmulatorOptions.IscDemoClientId, EmulatorOptions.IscDemoClientSecret, requestsPerWindow, retry);

        public static IscConnection Connect(EmulatorHost emulator, string clientId, string secret, int requestsPerWindow = 0, RetryPolicy? retry = null) =>
            new IscConnection(
                emulator.BaseUri,
                clientId,
                OigTestConnections.Secure(secret),
                new ApiClientOptions { Retry = retry ?? OigTestConnections.FastRetry(), Timeout = TimeSpan.FromSeconds(30) },
                requestsPerWindow);
    }
}
