using System.Linq;
using System.Management.Automation;
using System.Reflection;
using GovernanceModule.Core.Http;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>
    /// How failures become ErrorCategory values (a timeout is OperationTimeout, a
    /// rejected certificate SecurityError), and the TLS and timeout parameters of every Connect-* cmdlet.
    /// </summary>
    public sealed class ErrorRecordsTests
    {
        private static readonly MethodInfo CategoryFor =
            CmdletMetadata.Module.GetType("GovernanceModule.Infrastructure.ErrorRecords", throwOnError: true)!.GetMethod("CategoryFor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;

        [Theory]
        [InlineData(ApiFailure.Timeout, ErrorCategory.OperationTimeout)]
        [InlineData(ApiFailure.CertificateRejected, ErrorCategory.SecurityError)]
        [InlineData(ApiFailure.Unauthorized, ErrorCategory.AuthenticationError)]
        [InlineData(ApiFailure.Forbidden, ErrorCategory.PermissionDenied)]
        [InlineData(ApiFailure.NotFound, ErrorCategory.ObjectNotFound)]
        [InlineData(ApiFailure.Throttled, ErrorCategory.LimitsExceeded)]
        [InlineData(ApiFailure.Unreachable, ErrorCategory.ConnectionError)]
        [InlineData(ApiFailure.UnexpectedResponse, ErrorCategory.InvalidResult)]
        public void A_failure_maps_to_its_category(ApiFailure failure, ErrorCategory category)
        {
            Assert.Equal(category, Map(failure));
        }

        [Fact]
        public void Only_a_timeout_is_OperationTimeout_and_every_failure_has_a_category()
        {
            var all = Enum.GetValues(typeof(ApiFailure)).Cast<ApiFailure>().ToList();

            Assert.Equal(new[] { ApiFailure.Timeout }, all.Where(f => Map(f) == ErrorCategory.OperationTimeout));
            Assert.DoesNotContain(all, f => Map(f) == ErrorCategory.NotSpecified);
        }

        [Theory]
        [InlineData("Connect-OigServer")]
        [InlineData("Connect-NermTenant")]
        [InlineData("Connect-IscTenant")]
        public void Connect_cmdlets_check_certificates_unless_SkipCertificateCheck_is_named(string name)
        {
            var skip = Parameter(ByName(name), "SkipCertificateCheck");

            // A switch is false unless given by name: it cannot be bound by position or from the pipeline.
            Assert.Equal(typeof(SwitchParameter), skip.PropertyType);
            Assert.False(ByValue(skip));
            Assert.False(ByPropertyName(skip));
            Assert.DoesNotContain(ParameterAttributes(skip), a => Named<int?>(a, nameof(ParameterAttribute.Position)) is int position && position >= 0);
        }

        [Theory]
        [InlineData("Connect-OigServer")]
        [InlineData("Connect-NermTenant")]
        [InlineData("Connect-IscTenant")]
        public void Connect_cmdlets_bound_each_request_by_TimeoutSec_100_by_default(string name)
        {
            var type = ByName(name);
            var timeout = Parameter(type, "TimeoutSec");
            var range = Attribute(timeout, typeof(ValidateRangeAttribute));

            Assert.Equal(typeof(int), timeout.PropertyType);
            Assert.NotNull(range);
            Assert.Equal(1, Convert.ToInt32(range!.ConstructorArguments[0].Value));
            Assert.Equal(100, (int)timeout.GetValue(Activator.CreateInstance(type))!);
            Assert.Equal(TimeSpan.FromSeconds(100), new ApiClientOptions().Timeout);
        }

        [Theory]
        [InlineData("Oig", "Connect-OigServer")]
        [InlineData("Nerm", "Connect-NermTenant")]
        [InlineData("Isc", "Connect-IscTenant")]
        public void Refused_credentials_a_timeout_and_an_untrusted_certificate_advise_on_the_APIs_Connect_command(string api, string connect)
        {
            Assert.Matches("^Check the .* given to " + connect + @"\.$", Advice(ApiFailure.Unauthorized, api));
            Assert.Contains("raise -TimeoutSec of " + connect, Advice(ApiFailure.Timeout, api));
            Assert.Contains("connect with " + connect + " -SkipCertificateCheck", Advice(ApiFailure.CertificateRejected, api));
            Assert.Null(Advice(ApiFailure.NotFound, api));
            Assert.Null(Advice(ApiFailure.BadRequest, api));
        }

        [Theory]
        [InlineData(ApiFailure.Unauthorized, "IscAuthenticationFailed")]
        [InlineData(ApiFailure.CertificateRejected, "IscCertificateRejected")]
        [InlineData(ApiFailure.Unreachable, "IscUnreachable")]
        [InlineData(ApiFailure.Timeout, "IscUnreachable")]
        public void A_useless_connection_gets_one_error_id_whether_Connect_or_a_later_command_finds_it(ApiFailure failure, string errorId)
        {
            var id = (string)CategoryFor.DeclaringType!.GetMethod("ConnectionFailureId", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
                .Invoke(null, new object[] { ApiNameOf("Isc"), failure })!;

            Assert.Equal(errorId, id);
        }

        private static object ApiNameOf(string api) =>
            CmdletMetadata.Module.GetType("GovernanceModule.Infrastructure.ApiName", throwOnError: true)!.GetField(api, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        private static string? Advice(ApiFailure failure, string api) =>
            (string?)CategoryFor.DeclaringType!.GetMethod("AdviceFor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, new object[] { failure, ApiNameOf(api) });

        private static ErrorCategory Map(ApiFailure failure) => (ErrorCategory)CategoryFor.Invoke(null, new object[] { failure })!;
    }
}
