using System.Linq;
using System.Management.Automation;
using System.Security;
using GovernanceModule.Commands;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Isc;
using GovernanceModule.Infrastructure;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>How the ISC cmdlets choose their parameter sets and bind pipeline input.</summary>
    public sealed class IscCmdletTests
    {
        private static readonly System.Type Edit = typeof(EditProvisioningPolicyCommand);

        [Fact]
        public void Edit_has_named_changes_as_default_and_raw_operations()
        {
            Assert.Equal("ByProperty", Named<string>(Attribute(Edit, typeof(CmdletAttribute))!, "DefaultParameterSetName"));
            Assert.Equal(new[] { "ByProperty", "Raw" }, Parameters(Edit).SelectMany(ParameterAttributes).Select(a => Named<string>(a, "ParameterSetName")).Where(s => s != null).Distinct().OrderBy(s => s));
        }

        [Fact]
        public void Any_piped_object_binds_by_value_to_InputObject_in_every_set()
        {
            // Typed as ProvisioningPolicy, it would let PowerShell turn a CSV row into a policy without fields.
            var input = Parameter(Edit, "InputObject");
            Assert.Equal(typeof(PSObject), input.PropertyType);
            Assert.True(ByValue(input));
            Assert.False(Mandatory(input));
            Assert.Empty(SetsOf(input));
            Assert.DoesNotContain(Parameters(Edit), p => p.Name != "InputObject" && ByValue(p));
        }

        [Theory]
        [InlineData("SourceId")]
        [InlineData("UsageType")]
        public void SourceId_and_UsageType_bind_by_property_name_in_the_raw_and_named_sets(string name)
        {
            // Not mandatory: -InputObject names its own policy; Core refuses an edit that names none, naming the row.
            var parameter = Parameter(Edit, name);
            Assert.True(ByPropertyName(parameter));
            Assert.Equal(new[] { "ByProperty", "Raw" }, SetsOf(parameter));
            Assert.All(ParameterAttributes(parameter), a => Assert.False(Named<bool>(a, "Mandatory")));
            Assert.NotNull(typeof(ProvisioningPolicy).GetProperty(name));
        }

        [Theory]
        [InlineData("Name")]
        [InlineData("Description")]
        public void Name_and_Description_bind_from_CSV_columns(string name)
        {
            var parameter = Parameter(Edit, name);
            Assert.Equal(new[] { "ByProperty" }, SetsOf(parameter));
            Assert.True(ByPropertyName(parameter));
            Assert.False(ByValue(parameter));
        }

        [Theory]
        [InlineData("SetField", "ByProperty")]
        [InlineData("RemoveField", "ByProperty")]
        [InlineData("Operation", "Raw")]
        public void Other_change_parameters_belong_to_one_set_and_never_bind_from_the_pipeline(string name, string set)
        {
            var parameter = Parameter(Edit, name);
            Assert.Equal(new[] { set }, SetsOf(parameter));
            Assert.False(ByPropertyName(parameter));
            Assert.False(ByValue(parameter));
        }

        [Fact]
        public void Operation_is_mandatory_in_its_set_and_takes_hashtables_or_objects()
        {
            var operation = Parameter(Edit, "Operation");
            Assert.True(Mandatory(operation));
            Assert.Equal(typeof(object[]), operation.PropertyType);
        }

        [Fact]
        public void UsageType_tab_completes_the_16_documented_values_and_the_escape_hatch_is_a_switch_in_every_set()
        {
            foreach (var cmdlet in new[] { Edit, typeof(GetProvisioningPolicyCommand) })
            {
                var completer = Attribute(Parameter(cmdlet, "UsageType"), typeof(ArgumentCompleterAttribute))!;
                Assert.Equal(typeof(UsageTypeCompleter), completer.ConstructorArguments[0].Value);
                var allow = Parameter(cmdlet, "AllowUndocumentedUsageType");
                Assert.Equal(typeof(SwitchParameter), allow.PropertyType);
                Assert.Empty(SetsOf(allow));
            }

            Assert.True(typeof(ListCompleter).IsAssignableFrom(typeof(UsageTypeCompleter)));
            Assert.Equal(16, UsageTypes.Documented.Distinct().Count());
        }

        [Fact]
        public void Get_takes_source_ids_by_value_and_by_property_name_also_as_Id()
        {
            var sourceId = Parameter(typeof(GetProvisioningPolicyCommand), "SourceId");
            Assert.True(ByValue(sourceId));
            Assert.True(ByPropertyName(sourceId));
            Assert.Equal(new[] { "Id" }, Aliases(sourceId));
            Assert.True(ByPropertyName(Parameter(typeof(GetProvisioningPolicyCommand), "UsageType")));
            Assert.False(Mandatory(Parameter(typeof(GetProvisioningPolicyCommand), "UsageType")));
            Assert.Contains(typeof(ProvisioningPolicy), OutputTypes(typeof(GetProvisioningPolicyCommand)));
        }

        [Fact]
        public void A_policy_is_changed_in_place_through_settable_properties()
        {
            Assert.All(new[] { "Name", "Description", "Fields" }, p => Assert.NotNull(typeof(ProvisioningPolicy).GetProperty(p)!.SetMethod));
            Assert.All(new[] { "Name", "Transform", "Attributes", "IsRequired", "Type", "IsMultiValued" }, p => Assert.NotNull(typeof(ProvisioningPolicyField).GetProperty(p)!.SetMethod));
            Assert.Null(typeof(ProvisioningPolicy).GetProperty("AsRead"));
        }

        [Fact]
        public void Connect_IscTenant_takes_the_secret_as_SecureString_or_PSCredential_never_as_plain_text()
        {
            var parameters = Parameters(typeof(ConnectIscTenantCommand)).ToDictionary(p => p.Name, p => p.PropertyType);
            Assert.Equal(typeof(SecureString), parameters["ClientSecret"]);
            Assert.Equal(typeof(PSCredential), parameters["Credential"]);
            Assert.Equal(typeof(string), parameters["ClientId"]);
            Assert.Equal(new[] { "Tenant" }, SetsOf(Parameter(typeof(ConnectIscTenantCommand), "Tenant")));
            Assert.Equal(new[] { "Uri" }, SetsOf(Parameter(typeof(ConnectIscTenantCommand), "Uri")));
            Assert.Equal("Environment", Named<string>(Attribute(typeof(ConnectIscTenantCommand), typeof(CmdletAttribute))!, "DefaultParameterSetName"));
        }

        [Fact]
        public void Runbooks_use_the_environment_variables_of_SailPoints_SDK()
        {
            Assert.Equal("SAIL_BASE_URL", GovernanceModule.Core.Connections.IscConnectionRequest.BaseUrlVariable);
            Assert.Equal("SAIL_CLIENT_ID", GovernanceModule.Core.Connections.IscConnectionRequest.ClientIdVariable);
            Assert.Equal("SAIL_CLIENT_SECRET", GovernanceModule.Core.Connections.IscConnectionRequest.ClientSecretVariable);
        }

        [Fact]
        public void A_tenant_name_becomes_its_API_host()
        {
            Assert.Equal(new System.Uri("https://acme.api.identitynow.com/"), IscConnection.ForTenant("acme"));
            Assert.Throws<System.ArgumentException>(() => IscConnection.ForTenant("https://acme.api.identitynow.com"));
        }

        private static string[] SetsOf(System.Reflection.PropertyInfo parameter) =>
            ParameterAttributes(parameter).Select(a => Named<string>(a, "ParameterSetName")).Where(s => s != null).Select(s => s!).OrderBy(s => s).ToArray();
    }
}
