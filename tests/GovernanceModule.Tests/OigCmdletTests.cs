using System.Linq;
using GovernanceModule.Commands;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>How the OIG cmdlets bind CSV columns and pipeline objects.</summary>
    public sealed class OigCmdletTests
    {
        [Theory]
        [InlineData("TaskId")]
        [InlineData("RequestId")]
        [InlineData("Action")]
        [InlineData("Assignee")]
        [InlineData("AssigneeType")]
        [InlineData("Note")]
        [InlineData("Response")]
        [InlineData("Field")]
        public void Set_ProvTask_binds_every_column_by_property_name(string parameter)
        {
            Assert.True(ByPropertyName(Parameter(typeof(SetProvTaskCommand), parameter)));
        }

        [Fact]
        public void Set_ProvTask_TaskId_takes_the_column_names_CSV_files_use()
        {
            var taskId = Parameter(typeof(SetProvTaskCommand), "TaskId");
            // Not mandatory, so that a CSV without the column reaches the cmdlet's one error for the file.
            Assert.False(Mandatory(taskId));
            Assert.Equal(new[] { "Id", "ProvTaskId" }, Aliases(taskId));
        }

        [Fact]
        public void Set_ProvTask_lets_empty_cells_reach_its_own_row_validation()
        {
            // A mandatory string refuses "" at binding time with a message that names no row; AllowEmptyString
            // lets Core report the row instead.
            var taskId = Parameter(typeof(SetProvTaskCommand), "TaskId");
            Assert.NotNull(Attribute(taskId, typeof(System.Management.Automation.AllowEmptyStringAttribute)));
            Assert.Equal(typeof(string), Parameter(typeof(SetProvTaskCommand), "Action").PropertyType);
        }

        [Fact]
        public void Set_ProvTask_keeps_the_row_itself_for_error_records()
        {
            var input = Parameter(typeof(SetProvTaskCommand), "InputObject");
            Assert.True(ByValue(input));
            Assert.Contains(ParameterAttributes(input), a => Named<bool>(a, "DontShow"));
        }

        [Fact]
        public void Invoke_ProvTaskRetry_takes_ids_by_property_name_and_anything_piped_by_value()
        {
            var taskId = Parameter(typeof(InvokeProvTaskRetryCommand), "TaskId");
            // Not by value and not mandatory, so that a CSV without the column reaches the cmdlet's one error for the file.
            Assert.False(ByValue(taskId));
            Assert.False(Mandatory(taskId));
            Assert.True(ByPropertyName(taskId));
            Assert.Equal(typeof(string[]), taskId.PropertyType);
            Assert.Equal(new[] { "Id", "ProvTaskId" }, Aliases(taskId));
            Assert.True(ByValue(Parameter(typeof(InvokeProvTaskRetryCommand), "InputObject")));
        }

        [Fact]
        public void Get_ProvTask_output_binds_to_the_changing_cmdlets()
        {
            // Get-ProvTask | Invoke-ProvTaskRetry binds ProvTask.TaskId by property name.
            Assert.NotNull(typeof(GovernanceModule.Core.Oig.ProvTask).GetProperty("TaskId"));
            Assert.NotNull(typeof(GovernanceModule.Core.Oig.ProvTaskResult).GetProperty("TaskId"));
            Assert.Contains(typeof(GovernanceModule.Core.Oig.ProvTask), OutputTypes(typeof(GetProvTaskCommand)));
        }

        [Fact]
        public void Bulk_cmdlets_document_their_default_batch_size()
        {
            Assert.Equal(100, new SetProvTaskCommand().BatchSize);
            Assert.Equal(100, new InvokeProvTaskRetryCommand().BatchSize);
        }

        [Fact]
        public void Bulk_cmdlets_take_a_ThrottleLimit_from_1_to_16_defaulting_to_4()
        {
            foreach (var type in new[] { typeof(SetProvTaskCommand), typeof(InvokeProvTaskRetryCommand) })
            {
                var property = Parameter(type, "ThrottleLimit");
                var range = Attribute(property, typeof(System.Management.Automation.ValidateRangeAttribute))!;
                Assert.Equal(new object[] { 1, 16 }, range.ConstructorArguments.Select(a => a.Value));
                Assert.Equal(4, property.GetValue(Activator.CreateInstance(type)));
            }
        }

        [Fact]
        public void Connect_OigServer_takes_a_PSCredential_not_a_plain_password()
        {
            var parameters = Parameters(typeof(ConnectOigServerCommand)).ToDictionary(p => p.Name, p => p.PropertyType);
            Assert.Equal(typeof(System.Management.Automation.PSCredential), parameters["Credential"]);
            Assert.DoesNotContain("Password", parameters.Keys);
            Assert.Contains("SkipCertificateCheck", parameters.Keys);
            Assert.Contains("PassThru", parameters.Keys);
        }
    }
}
