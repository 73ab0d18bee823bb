using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Nerm;

namespace GovernanceModule.Core.Tests.Nerm
{
    /// <summary>NERM connections to an in-process emulator, with retry waits short enough for tests.</summary>
    internal static class NermTestConnections
    {
        public const string ExampleId = NermSeedData.ExampleSessionId;

        public static NermConnection ApiKey(EmulatorHost emulator, string? key = null, NermStatusMember statusMember = NermStatusMember.Status, TimeSpan? timeout = null) =>
            new NermConnection(emulator.BaseUri, OigTestConnections.Secure(key ?? NermEmulatorOptions.DemoApiKeyDefault), statusMember, Options(timeout));

        public static NermConnection ClientCredentials(EmulatorHost emulator, string? secret = null) =>
            new NermConnection(emulator.BaseUri, emulator.BaseUri, EmulatorOptions.IscDemoClientId, OigTestConnections.Secure(secret ?? EmulatorOptions.IscDemoClientSecret), NermStatusMember.Status, Options(null));

        /// <summary>The input as the cmdlet validates the first piped row: its errors named "Row 1".</summary>
        public static WorkflowSessionUpdate Update(WorkflowSessionInput input)
        {
            try
            {
                return WorkflowSessionUpdate.From(input);
            }
            catch (InputValidationException ex)
            {
                throw ex.ForInput("Row 1");
            }
        }

        private static ApiClientOptions Options(TimeSpan? timeout) =>
            new ApiClientOptions { Retry = OigTestConnections.FastRetry(), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }
}
