using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Isc;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Edits an ISC provisioning policy with a JSON Patch, three ways: raw operations (-Operation), named changes
    /// (-Name, -Description, -SetField, -RemoveField) or a policy from Get-ProvisioningPolicy changed in place
    /// (-InputObject). Named changes and objects become a minimal patch with leading test operations, so a policy
    /// someone else changed since it was read is refused, never overwritten. -WhatIf shows the exact patch.
    /// </summary>
    [Cmdlet(VerbsData.Edit, "ProvisioningPolicy", DefaultParameterSetName = ByPropertySet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PolicyEditResult))]
    public sealed class EditProvisioningPolicyCommand : ChangeCmdlet<IscConnection, ProvisioningPolicyUpdate, ProvisioningPolicyOutcome>
    {
        private const string ByPropertySet = "ByProperty";
        private const string RawSet = "Raw";
        private const string ByObjectSet = "ByObject";

        private ProvisioningPolicyClient client = null!;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RawSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string SourceId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = RawSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UsageTypeCompleter))]
        [AllowEmptyString]
        public string UsageType { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter AllowUndocumentedUsageType { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        [ValidateNotNull]
        public object[] Operation { get; set; } = new object[0];

        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ByPropertySet)]
        [AllowEmptyString]
        public string? Description { get; set; }

        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNull]
        public object[]? SetField { get; set; }

        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNull]
        public string[]? RemoveField { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ProvisioningPolicy InputObject { get; set; } = null!;

        protected override IChangeSender<ProvisioningPolicyUpdate, ProvisioningPolicyOutcome> CreateSender()
        {
            client = new ProvisioningPolicyClient(ActiveConnection, Trace);
            return client.CreateSender();
        }

        protected override IEnumerable<object> Targets() => new[] { ParameterSetName == ByObjectSet ? InputObject : (object)(SourceId + "/" + UsageType) };

        /// <summary>Checks the edit, then reads the policy (unless the operations are given) and works out the patch, so -WhatIf can show it.</summary>
        protected override ProvisioningPolicyUpdate Validate(object target)
        {
            var edit = PolicyEdit.From(Input());
            return ReadForChange(edit.Target, ct => client.PlanAsync(edit, ct));
        }

        /// <summary>The row as given: only the parameters given change the policy, so an unbound -Description stays null.</summary>
        private ProvisioningPolicyInput Input() => new ProvisioningPolicyInput
        {
            SourceId = SourceId,
            UsageType = UsageType,
            AllowUndocumentedUsageType = AllowUndocumentedUsageType,
            Operations = ParameterSetName == RawSet ? Operation.Select(PowerShellValues.ToPlain).ToList() : null,
            Name = Name,
            Description = MyInvocation.BoundParameters.ContainsKey(nameof(Description)) ? Description ?? string.Empty : null,
            SetFields = SetField?.Select(PowerShellValues.ToPlain).ToList(),
            RemoveFields = RemoveField,
            Policy = ParameterSetName == ByObjectSet ? PowerShellValues.ToPlain(InputObject) : null,
        };
    }
}
