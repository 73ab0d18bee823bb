using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// One requested edit of one provisioning policy, checked before any request is made: operations the caller wrote
    /// (<see cref="PolicyOperationsEdit"/>), named changes (<see cref="PolicyChangesEdit"/>) or a changed policy object
    /// (<see cref="PolicyObjectEdit"/>). Each works out its own patch.
    /// </summary>
    public abstract class PolicyEdit
    {
        protected PolicyEdit(string? sourceId, string? usageType, bool allowUndocumentedUsageType)
        {
            SourceId = CheckSourceId(sourceId);
            UsageType = UsageTypes.Normalize(usageType, allowUndocumentedUsageType);
        }

        public string SourceId { get; }

        public string UsageType { get; }

        /// <summary>"CREATE policy of source 2c91…": how messages and -WhatIf name the target.</summary>
        public string Target => UsageType + " policy of source " + SourceId;

        /// <summary>The edit as the row gave it: a policy object, else operations, else named changes.</summary>
        /// <exception cref="InputValidationException">The row cannot be sent; the message says what would be valid.</exception>
        public static PolicyEdit From(ProvisioningPolicyInput input)
        {
            if (input.Policy != null)
            {
                if (input.Operations != null || input.Name != null || input.Description != null || input.SetFields != null || input.RemoveFields != null)
                {
                    throw new InputValidationException(
                        "InputObject",
                        "Give a changed policy, or the changes to make (-Name, -Description, -SetField, -RemoveField, -Operation), not both: change the piped policy in place, or name the policy with -SourceId and -UsageType.");
                }

                return ToMatch(input.Policy, input.AllowUndocumentedUsageType);
            }

            return input.Operations != null
                ? WithOperations(input.SourceId, input.UsageType, input.AllowUndocumentedUsageType, input.Operations)
                : (PolicyEdit)WithChanges(input.SourceId, input.UsageType, input.AllowUndocumentedUsageType, ChangesOf(input));
        }

        /// <summary>
        /// Operations as dictionaries of op, path, value, from; each is checked, and errors name it by its index from 0, as ISC does.
        /// Anything that is not a dictionary (a string, a list) is refused with an example of an operation.
        /// </summary>
        public static PolicyOperationsEdit WithOperations(string? sourceId, string? usageType, bool allowUndocumentedUsageType, IEnumerable<object?> operations) =>
            new PolicyOperationsEdit(sourceId, usageType, allowUndocumentedUsageType, operations);

        public static PolicyChangesEdit WithChanges(string? sourceId, string? usageType, bool allowUndocumentedUsageType, PolicyChanges changes) =>
            new PolicyChangesEdit(sourceId, usageType, allowUndocumentedUsageType, changes);

        /// <summary>A policy from Get-ProvisioningPolicy changed in place (or built by hand); it names its own source and usage type.</summary>
        public static PolicyObjectEdit ToMatch(ProvisioningPolicy desired, bool allowUndocumentedUsageType) =>
            new PolicyObjectEdit(desired ?? throw new InputValidationException("InputObject", "-InputObject is null."), allowUndocumentedUsageType);

        /// <summary>Works out the patch to send; <paramref name="readCurrent"/> reads the server's policy, for an edit that needs it.</summary>
        internal abstract Task<ProvisioningPolicyUpdate> PlanAsync(Func<CancellationToken, Task<JObject>> readCurrent, CancellationToken cancellationToken);

        /// <summary>Only what was given changes the policy; an empty description removes it.</summary>
        private static PolicyChanges ChangesOf(ProvisioningPolicyInput input)
        {
            var changes = new PolicyChanges();
            if (input.Name != null)
            {
                if (input.Name.Trim().Length == 0)
                {
                    throw new InputValidationException("Name", "Name is empty, and a policy needs one. To keep the name, leave -Name out (an empty CSV cell keeps it too).");
                }

                changes.WithName(input.Name);
            }

            if (input.Description != null)
            {
                changes.WithDescription(input.Description.Length == 0 ? null : input.Description);
            }

            var fields = input.SetFields ?? Array.Empty<object?>();
            for (var i = 0; i < fields.Count; i++)
            {
                changes.SetField(fields[i] ?? string.Empty, "SetField " + (i + 1));
            }

            foreach (var name in input.RemoveFields ?? Array.Empty<string>())
            {
                changes.RemoveField(name);
            }

            return changes;
        }

        private static string CheckSourceId(string? sourceId)
        {
            var text = (sourceId ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                throw new InputValidationException("SourceId", "SourceId is empty; give the id of the source, such as " + IdForms.IscSourceExample + ".");
            }

            IdForms.CheckIscSourceId(text, "SourceId", null);
            return text;
        }
    }
}
