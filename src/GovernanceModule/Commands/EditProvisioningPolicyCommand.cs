using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
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
    public sealed class EditProvisioningPolicyCommand : IscCmdlet
    {
        private const string ByPropertySet = "ByProperty";
        private const string RawSet = "Raw";
        private const string ByObjectSet = "ByObject";

        private ProvisioningPolicyClient client = null!;
        private string? editing;
        private bool applying;

        /// <summary>The id of the source.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RawSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string SourceId { get; set; } = string.Empty;

        /// <summary>Which policy of the source: one of the 16 documented usage types (tab completes).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByPropertySet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = RawSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UsageTypeCompleter))]
        [AllowEmptyString]
        public string UsageType { get; set; } = string.Empty;

        /// <summary>Send a usage type outside the 16 documented ones, which some tenants hold.</summary>
        [Parameter]
        public SwitchParameter AllowUndocumentedUsageType { get; set; }

        /// <summary>JSON Patch operations: hashtables or objects with op, path and, as the op needs them, value or from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        [ValidateNotNull]
        public object[] Operation { get; set; } = new object[0];

        /// <summary>The new name of the policy.</summary>
        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The new description; an empty string removes it.</summary>
        [Parameter(ParameterSetName = ByPropertySet)]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>Fields to set, matched by name: fields from Get-ProvisioningPolicy or hashtables of the members to change; a missing field is added.</summary>
        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNull]
        public object[]? SetField { get; set; }

        /// <summary>Names of fields to remove.</summary>
        [Parameter(ParameterSetName = ByPropertySet)]
        [ValidateNotNull]
        public string[]? RemoveField { get; set; }

        /// <summary>A policy from Get-ProvisioningPolicy, changed in place; it names its own source and usage type.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ProvisioningPolicy InputObject { get; set; } = null!;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            client = new ProvisioningPolicyClient(ActiveConnection, Trace);
        }

        protected override void ProcessRecord()
        {
            var target = ParameterSetName == ByObjectSet ? InputObject : (object)(SourceId + "/" + UsageType);
            Ledger.CountRead();
            var row = MyInvocation.ExpectingInput ? RowLabel(Ledger.Read) : null;
            PolicyEdit? edit = null;
            if (!TryValidate(() => edit = BuildEdit(), target, "ProvisioningPolicyInvalidInput", row))
            {
                Ledger.CountInvalid();
                return;
            }

            editing = RowLabel(Ledger.Read) + ": " + edit!.Target;
            PolicyEditPlan plan;
            try
            {
                plan = Run(ct => client.PlanAsync(edit!, ct));
            }
            catch (InputValidationException ex)
            {
                Ledger.CountInvalid();
                WriteInvalidInput(ForRow(ex, row), target, "ProvisioningPolicyInvalidInput");
                return;
            }
            catch (ApiException ex)
            {
                Ledger.CountWritten();
                WriteApiError(ex, "ProvisioningPolicy", target);
                return;
            }
            finally
            {
                editing = null;
            }

            var patch = plan.Patch.ToJson();
            if (plan.ChangedSinceRead == null && !plan.Patch.IsEmpty
                && !ShouldProcess(edit!.Target + " (" + ActiveConnection.Uri.Authority + ")", "Apply JSON Patch " + patch))
            {
                Ledger.CountSkipped();
                return;
            }

            PolicyEditOutcome outcome;
            editing = RowLabel(Ledger.Read) + ": " + edit!.Target;
            applying = true;
            try
            {
                outcome = Run(ct => client.ApplyAsync(plan, ct));
            }
            catch (ApiException ex)
            {
                Ledger.CountWritten();
                WriteApiError(ex, "ProvisioningPolicy", target);
                return;
            }
            finally
            {
                editing = null;
                applying = false;
            }

            Ledger.CountWritten();
            WriteObject(outcome.Result);
            if (outcome.Error != null)
            {
                var errorId = outcome.Result.Status == PolicyEditStatus.ChangedSinceRead ? "ProvisioningPolicyChangedSinceRead" : "ProvisioningPolicy" + outcome.Error.Failure;
                var category = outcome.Result.Status == PolicyEditStatus.ChangedSinceRead ? ErrorCategory.ResourceBusy : ErrorMapping.CategoryFor(outcome.Error.Failure);
                WriteError(IscErrorRecord(outcome.Error, errorId, category, target));
            }
        }

        /// <summary>The edit being planned was not sent; the one being applied may have been.</summary>
        protected override void AccountForStop(System.OperationCanceledException? cancelled)
        {
            if (editing != null)
            {
                Ledger.CountStopped(editing, applying && cancelled != null ? RunLedger.FateOf(cancelled) : StoppedFate.NotSent);
            }
        }

        private PolicyEdit BuildEdit()
        {
            switch (ParameterSetName)
            {
                case RawSet:
                    return PolicyEdit.WithOperations(SourceId, UsageType, AllowUndocumentedUsageType, Operation.Select(PowerShellValues.ToPlain));
                case ByObjectSet:
                    return PolicyEdit.ToMatch(Plain(InputObject), AllowUndocumentedUsageType);
                default:
                    return PolicyEdit.WithChanges(SourceId, UsageType, AllowUndocumentedUsageType, Changes());
            }
        }

        private PolicyChanges Changes()
        {
            var changes = new PolicyChanges();
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(Name)))
            {
                changes.WithName(Name);
            }

            if (bound.ContainsKey(nameof(Description)))
            {
                changes.WithDescription(string.IsNullOrEmpty(Description) ? null : Description);
            }

            foreach (var (field, index) in (SetField ?? new object[0]).Select((f, i) => (f, i + 1)))
            {
                changes.SetField(PowerShellValues.ToPlain(field) ?? string.Empty, "SetField " + index);
            }

            foreach (var name in RemoveField ?? new string[0])
            {
                changes.RemoveField(name);
            }

            return changes;
        }

        /// <summary>
        /// Values PowerShell put into the policy's dictionaries may be PSObjects; Core gets plain values. The policy's
        /// dictionaries are replaced by equal plain copies, which the caller's object keeps.
        /// </summary>
        private static ProvisioningPolicy Plain(ProvisioningPolicy policy)
        {
            foreach (var field in policy.Fields ?? new List<ProvisioningPolicyField>())
            {
                if (field == null)
                {
                    continue;
                }

                field.Transform = PowerShellValues.ToPlain(field.Transform) as IDictionary;
                field.Attributes = PowerShellValues.ToPlain(field.Attributes) as IDictionary;
            }

            return policy;
        }
    }
}
