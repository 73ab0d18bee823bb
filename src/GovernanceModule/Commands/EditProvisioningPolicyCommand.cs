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

        private ProvisioningPolicyClient client = null!;

        // Not mandatory: a policy given with -InputObject names its own, and Core refuses an edit that names none.
        [Parameter(Position = 0, ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Position = 0, ParameterSetName = RawSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? SourceId { get; set; }

        [Parameter(Position = 1, ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Position = 1, ParameterSetName = RawSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UsageTypeCompleter))]
        [AllowEmptyString]
        public string? UsageType { get; set; }

        [Parameter]
        public SwitchParameter AllowUndocumentedUsageType { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        [ValidateNotNull]
        public object[] Operation { get; set; } = new object[0];

        [Parameter(ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Description { get; set; }

        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNull]
        public object[]? SetField { get; set; }

        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNull]
        public string[]? RemoveField { get; set; }

        // Any pipeline object, in every set: a policy from Get-ProvisioningPolicy is an edit by object; a CSV row binds
        // its columns by name. Typed as ProvisioningPolicy, PowerShell would convert a CSV row into a policy without
        // fields, and the edit would remove them.
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject? InputObject { get; set; }

        private ProvisioningPolicy? PipedPolicy => InputObject?.BaseObject as ProvisioningPolicy;

        protected override IChangeSender<ProvisioningPolicyUpdate, ProvisioningPolicyOutcome> CreateSender()
        {
            client = new ProvisioningPolicyClient(ActiveConnection, Trace);
            return client.CreateSender(SendLog);
        }

        /// <summary>
        /// The update was planned against the policy as it is now: a policy that already is as the edit makes it took
        /// the earlier patch (nothing is sent, and a policy object is not ChangedSinceRead for our own change); with work
        /// left, the plan is sent as a fresh run sends it (its test operations refuse a policy changed meanwhile). Raw
        /// operations that are not idempotent cannot be checked.
        /// </summary>
        protected override ProvisioningPolicyUpdate? SendAgain(ProvisioningPolicyUpdate update) =>
            update.Patch.IsEmpty ? new ProvisioningPolicyUpdate(update.Edit, update.Patch)
            : !(update.Edit is PolicyOperationsEdit) || update.Patch.IsIdempotent ? update
            : null;

        protected override IEnumerable<object> Targets() => new[] { (object?)PipedPolicy ?? InputObject ?? (object)(SourceId + "/" + UsageType) };

        /// <summary>Checks the edit, then reads the policy (unless the operations are given) and works out the patch, so -WhatIf can show it.</summary>
        protected override ProvisioningPolicyUpdate Validate(object target)
        {
            var edit = PolicyEdit.From(Input());
            return ReadForChange(edit.Target, ct => client.PlanAsync(edit, ct));
        }

        /// <summary>
        /// The row as given: only what was given changes the policy. An empty CSV cell leaves its member unchanged; an
        /// empty -Description on the command line removes it. A piped policy gives only itself: changes named with it
        /// come from the command line.
        /// </summary>
        private ProvisioningPolicyInput Input()
        {
            var policy = PipedPolicy;
            var given = Given(InputObject, selectsOnly: policy != null);
            return new ProvisioningPolicyInput
            {
                SourceId = policy == null ? SourceId : null,
                UsageType = policy == null ? UsageType : null,
                AllowUndocumentedUsageType = AllowUndocumentedUsageType,
                Operations = ParameterSetName == RawSet ? Operation.Select(PowerShellValues.ToPlain).ToList() : null,
                Name = given.Text(nameof(Name), Name),
                Description = given.Text(nameof(Description), Description),
                SetFields = SetField?.Select(PowerShellValues.ToPlain).ToList(),
                RemoveFields = RemoveField,
                Policy = policy,
            };
        }
    }
}
