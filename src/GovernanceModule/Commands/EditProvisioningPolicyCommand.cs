using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core;
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
    public sealed class EditProvisioningPolicyCommand : ChangeCmdlet<IscConnection, PolicyEdit, PolicyEditPlan, PolicyEditOutcome>
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

        protected override string ErrorIdPrefix => "ProvisioningPolicy";

        /// <summary>One edit at a time: each is planned against the policy as the previous edit left it.</summary>
        protected override IChangeSender<PendingInput<PolicyEditPlan>, PolicyEditOutcome> CreateSender()
        {
            client = new ProvisioningPolicyClient(ActiveConnection, Trace);
            return new SequentialSender<PendingInput<PolicyEditPlan>, PolicyEditOutcome>((pending, ct) => client.ApplyAsync(pending.Change, ct));
        }

        protected override IEnumerable<object> Targets() => new[] { ParameterSetName == ByObjectSet ? InputObject : (object)(SourceId + "/" + UsageType) };

        protected override PolicyEdit Validate(object target, string row) => NamingRow(row, BuildEdit);

        protected override string NameOf(PolicyEdit edit) => edit.Target;

        /// <summary>Reads the policy (unless the operations are given) and works out the patch, so -WhatIf can show it.</summary>
        protected override PolicyEditPlan Prepare(PolicyEdit edit, string row) => NamingRow(row, () => Run(ct => client.PlanAsync(edit, ct)));

        /// <summary>An unchanged policy, or one changed since it was read, sends nothing and needs no consent.</summary>
        protected override (string Target, string Action)? Question(PolicyEditPlan plan) =>
            plan.ChangedSinceRead == null && !plan.Patch.IsEmpty
                ? (plan.Edit.Target + " (" + ActiveConnection.Uri.Authority + ")", "Apply JSON Patch " + plan.Patch.ToJson())
                : ((string, string)?)null;

        /// <summary>Core's reasons for ISC start with the policy they are about.</summary>
        protected override string FailureMessage(string row, string name, ItemFailure failure) => row + ": " + failure.Reason;

        private PolicyEdit BuildEdit() =>
            ParameterSetName == RawSet ? PolicyEdit.WithOperations(SourceId, UsageType, AllowUndocumentedUsageType, Operation.Select(PowerShellValues.ToPlain))
            : ParameterSetName == ByObjectSet ? PolicyEdit.ToMatch(PowerShellValues.ToPlain(InputObject), AllowUndocumentedUsageType)
            : PolicyEdit.WithChanges(SourceId, UsageType, AllowUndocumentedUsageType, Changes());

        /// <summary>Only the parameters given change the policy; an empty -Description removes it.</summary>
        private PolicyChanges Changes()
        {
            var bound = MyInvocation.BoundParameters;
            var changes = bound.ContainsKey(nameof(Name)) ? new PolicyChanges().WithName(Name) : new PolicyChanges();
            changes = bound.ContainsKey(nameof(Description)) ? changes.WithDescription(string.IsNullOrEmpty(Description) ? null : Description) : changes;
            changes = (SetField ?? new object[0]).Select((field, i) => (field, i + 1)).Aggregate(changes, (all, f) => all.SetField(PowerShellValues.ToPlain(f.field) ?? string.Empty, "SetField " + f.Item2));
            return (RemoveField ?? new string[0]).Aggregate(changes, (all, name) => all.RemoveField(name));
        }
    }
}
