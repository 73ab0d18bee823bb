using System;
using GovernanceModule.Core.Connections;

namespace GovernanceModule.Infrastructure
{
    /// <summary>How messages and error ids name one API and its objects, and the commands that open and close its connections.</summary>
    public sealed class ApiName
    {
        public static readonly ApiName Oig = new ApiName(
            "OIG", "Oig", "ProvTask", "Connect-OigServer", "Connect-OigServer -Uri <server> -Credential <user>", "Disconnect-OigServer", "-Uri",
            "Check the user name and password given to Connect-OigServer.");

        public static readonly ApiName Nerm = new ApiName(
            "NERM", "Nerm", "WorkflowSession", "Connect-NermTenant", "Connect-NermTenant -Tenant <name> -Token <api key> (or with -ClientId/-ClientSecret)", "Disconnect-NermTenant", "-Uri (and -IscUri, for the token)",
            "Check the API key (or the ISC client id and secret) given to Connect-NermTenant.");

        public static readonly ApiName Isc = new ApiName(
            "ISC", "Isc", "ProvisioningPolicy", "Connect-IscTenant", "Connect-IscTenant -Tenant <name> -ClientId <id> -ClientSecret <secret>", "Disconnect-IscTenant", "-Uri",
            "Check the client id and secret given to Connect-IscTenant.");

        /// <summary>The API a connection type belongs to.</summary>
        public static ApiName Of(Type connectionType) =>
            connectionType == typeof(OigConnection) ? Oig
            : connectionType == typeof(NermConnection) ? Nerm
            : connectionType == typeof(IscConnection) ? Isc
            : throw new ArgumentException(connectionType + " is not a connection of the module.", nameof(connectionType));

        private ApiName(string display, string errorIdPrefix, string noun, string connectCommand, string connectExample, string disconnectCommand, string uriParameters, string credentialsAdvice)
        {
            CredentialsAdvice = credentialsAdvice;
            Display = display;
            ErrorIdPrefix = errorIdPrefix;
            Noun = noun;
            ConnectCommand = connectCommand;
            ConnectExample = connectExample;
            DisconnectCommand = disconnectCommand;
            UriParameters = uriParameters;
        }

        /// <summary>As messages name it: OIG, NERM, ISC.</summary>
        public string Display { get; }

        /// <summary>The start of the ids of its connection errors, such as Oig in OigNotConnected.</summary>
        public string ErrorIdPrefix { get; }

        /// <summary>The noun of its cmdlets, which starts the ids of errors about its objects, such as ProvTask in ProvTaskNotFound.</summary>
        public string Noun { get; }

        public string ConnectCommand { get; }

        /// <summary>A Connect-* call with placeholders, for messages that tell how to connect.</summary>
        public string ConnectExample { get; }

        public string DisconnectCommand { get; }

        /// <summary>The Connect-* parameters that hold its URIs, for the advice when a server is not the API.</summary>
        public string UriParameters { get; }

        /// <summary>What to check when the server refuses the credentials of a connection.</summary>
        public string CredentialsAdvice { get; }
    }
}
