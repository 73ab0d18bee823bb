using System.Net;
using System.Security;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Emulator;

namespace GovernanceModule.Core.Tests
{
    /// <summary>Connections to an in-process emulator, with retry waits short enough for tests.</summary>
    internal static class OigTestConnections
    {
        public static RetryPolicy FastRetry() => new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 4 };

        public static OigConnection Demo(EmulatorHost emulator, RetryPolicy? retry = null, TimeSpan? timeout = null) =>
            Connect(emulator.BaseUri, EmulatorOptions.OigDemoUserName, EmulatorOptions.OigDemoPassword, retry, timeout);

        public static OigConnection Connect(Uri uri, string user, string password, RetryPolicy? retry = null, TimeSpan? timeout = null) =>
            new OigConnection(uri, user, Secure(password), new ApiClientOptions { Retry = retry ?? FastRetry(), Timeout = timeout ?? TimeSpan.FromSeconds(30) });

        public static SecureString Secure(string text)
        {
            var secure = new NetworkCredential(string.Empty, text).SecurePassword;
            secure.MakeReadOnly();
            return secure;
        }
    }
}
