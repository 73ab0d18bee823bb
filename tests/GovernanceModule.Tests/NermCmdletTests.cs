using System.Linq;
using System.Management.Automation;
using System.Security;
using GovernanceModule.Commands;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Infrastructure;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>How the NERM cmdlets bind CSV columns, pipeline objects and secrets.</summary>
    public sealed class NermCmdletTests
    {
        [Theory]
        [InlineData("Id")]
        [InlineData("Status")]
        [InlineData("WorkflowId")]
        [InlineData("RequesterId")]
        [InlineData("RequesterType")]
        [InlineData("ProfileId")]
        [InlineData("ProfileIds")]
        [InlineData("Attribute")]
        public void Update_WorkflowSession_binds_every_member_column_by_property_name(string parameter)
        {
            Assert.True(ByPropertyName(Parameter(typeof(UpdateWorkflowSessionCommand), parameter)));
        }

        [Fact]
        public void Update_WorkflowSession_Id_takes_the_column_names_CSV_files_use_and_no_alias_repeating_its_name()
        {
            var id = Parameter(typeof(UpdateWorkflowSessionCommand), "Id");
            // Not mandatory, so that a CSV without the column reaches the cmdlet's one error for the file.
            Assert.False(Mandatory(id));
            Assert.Equal(new[] { "WorkflowSessionId", "SessionId" }, Aliases(id));
            Assert.NotNull(Attribute(id, typeof(AllowEmptyStringAttribute)));
        }

        [Fact]
        public void Status_is_tab_completed_but_checked_by_Core_so_an_empty_CSV_cell_still_binds()
        {
            // ValidateSet would refuse the "" of an empty cell and would accept any case; Core checks the exact
            // case and names the row and the valid values instead.
            var status = Parameter(typeof(UpdateWorkflowSessionCommand), "Status");
            Assert.Equal(typeof(string), status.PropertyType);
            Assert.Null(Attribute(status, typeof(ValidateSetAttribute)));
            Assert.Equal(typeof(WorkflowSessionStatusCompleter), Attribute(status, typeof(ArgumentCompleterAttribute))!.ConstructorArguments[0].Value);
            Assert.Equal(61, WorkflowSessionStatuses.All.Count);
            Assert.Equal(typeof(RequesterTypeCompleter), Attribute(Parameter(typeof(UpdateWorkflowSessionCommand), "RequesterType"), typeof(ArgumentCompleterAttribute))!.ConstructorArguments[0].Value);
        }

        [Fact]
        public void Attribute_values_also_come_from_prefixed_columns()
        {
            Assert.Equal("Attribute.", UpdateWorkflowSessionCommand.AttributeColumnPrefix);
            var input = Parameter(typeof(UpdateWorkflowSessionCommand), "InputObject");
            Assert.True(ByValue(input));
            Assert.Contains(ParameterAttributes(input), a => Named<bool>(a, "DontShow"));
        }

        [Fact]
        public void Run_is_a_switch_for_the_whole_call_not_a_column()
        {
            // PowerShell refuses to bind the string "true" of a CSV cell to a switch, which would fail every row.
            var run = Parameter(typeof(UpdateWorkflowSessionCommand), "Run");
            Assert.Equal(typeof(SwitchParameter), run.PropertyType);
            Assert.False(ByPropertyName(run));
        }

        [Fact]
        public void ThrottleLimit_has_a_documented_bounded_default()
        {
            Assert.Equal(WorkflowSessionClient.DefaultThrottleLimit, new UpdateWorkflowSessionCommand().ThrottleLimit);
            Assert.Equal(8, WorkflowSessionClient.DefaultThrottleLimit);
            var range = Attribute(Parameter(typeof(UpdateWorkflowSessionCommand), "ThrottleLimit"), typeof(ValidateRangeAttribute))!;
            Assert.Equal(new object[] { 1, 64 }, range.ConstructorArguments.Select(a => a.Value));
        }

        [Fact]
        public void Get_WorkflowSession_takes_ids_by_value_and_by_property_name_and_its_output_binds_back()
        {
            var id = Parameter(typeof(GetWorkflowSessionCommand), "Id");
            Assert.True(ByValue(id));
            Assert.True(ByPropertyName(id));
            Assert.Equal(typeof(string[]), id.PropertyType);
            Assert.Equal(new[] { "WorkflowSessionId", "SessionId" }, Aliases(id));
            Assert.NotNull(typeof(WorkflowSession).GetProperty("Id"));
            Assert.Contains(typeof(WorkflowSession), OutputTypes(typeof(GetWorkflowSessionCommand)));
            Assert.Contains(typeof(WorkflowSessionResult), OutputTypes(typeof(UpdateWorkflowSessionCommand)));
            Assert.NotNull(typeof(WorkflowSessionResult).GetProperty("Id"));
        }

        [Fact]
        public void WorkflowSession_has_the_documented_members()
        {
            var names = typeof(WorkflowSession).GetProperties().Select(p => p.Name).OrderBy(n => n);
            Assert.Equal(new[] { "Attributes", "Id", "ProfileId", "ProfileIds", "RequesterId", "RequesterType", "Status", "Uid", "WorkflowId" }, names);
        }

        [Fact]
        public void Connect_NermTenant_takes_secrets_only_as_SecureString()
        {
            var parameters = Parameters(typeof(ConnectNermTenantCommand)).ToDictionary(p => p.Name, p => p.PropertyType);
            Assert.Equal(typeof(SecureString), parameters["Token"]);
            Assert.Equal(typeof(SecureString), parameters["ClientSecret"]);
            Assert.Equal(typeof(NermStatusMember?), parameters["StatusMember"]);

            // Nothing is mandatory: whatever is not given comes from environment variables, so runbooks never prompt.
            Assert.DoesNotContain(Parameters(typeof(ConnectNermTenantCommand)), Mandatory);
        }

        [Fact]
        public void Connect_NermTenant_keeps_a_token_and_client_credentials_apart()
        {
            string? SetOf(string name) => Named<string>(ParameterAttributes(Parameter(typeof(ConnectNermTenantCommand), name)).Single(), "ParameterSetName");

            Assert.Equal("Token", SetOf("Token"));
            Assert.All(new[] { "ClientId", "ClientSecret", "IscUri" }, name => Assert.Equal("ClientCredentials", SetOf(name)));
            Assert.Null(SetOf("Tenant"));
            Assert.Equal("Token", Named<string>(Attribute(typeof(ConnectNermTenantCommand), typeof(CmdletAttribute))!, "DefaultParameterSetName"));
        }
    }
}
