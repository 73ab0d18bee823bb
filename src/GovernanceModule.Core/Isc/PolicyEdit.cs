using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GovernanceModule.Core.Isc
{
    public enum PolicyEditKind
    {
        /// <summary>JSON Patch operations the caller wrote, sent as they are.</summary>
        Operations,

        /// <summary>Named changes resolved against the current policy.</summary>
        Changes,

        /// <summary>A changed policy object, diffed against the current policy.</summary>
        Desired,
    }

    /// <summary>One requested edit of one provisioning policy, checked before any request is made.</summary>
    public sealed class PolicyEdit
    {
        private PolicyEdit(string sourceId, string usageType, PolicyEditKind kind)
        {
            SourceId = sourceId;
            UsageType = usageType;
            Kind = kind;
        }

        public string SourceId { get; }

        public string UsageType { get; }

        public PolicyEditKind Kind { get; }

        public IReadOnlyList<JsonPatchOperation> Operations { get; private set; } = Array.Empty<JsonPatchOperation>();

        public PolicyChanges? Changes { get; private set; }

        public ProvisioningPolicy? Desired { get; private set; }

        /// <summary>
        /// Operations as dictionaries of op, path, value, from; each is checked, and errors name it by its index from 0, as ISC does.
        /// Anything that is not a dictionary (a string, a list) is refused with an example of an operation.
        /// </summary>
        public static PolicyEdit WithOperations(string? sourceId, string? usageType, bool allowUndocumentedUsageType, IEnumerable<object?> operations)
        {
            var edit = new PolicyEdit(CheckSourceId(sourceId), UsageTypes.Normalize(usageType, allowUndocumentedUsageType), PolicyEditKind.Operations);
            edit.Operations = (operations ?? Array.Empty<object?>()).Select((o, i) => JsonPatchOperation.Parse(o, "Operation " + i)).ToList();
            if (edit.Operations.Count == 0)
            {
                throw new InputValidationException("Operation", "-Operation holds no operation. Give at least one, such as @{op = 'replace'; path = '/description'; value = 'New'}.");
            }

            return edit;
        }

        public static PolicyEdit WithChanges(string? sourceId, string? usageType, bool allowUndocumentedUsageType, PolicyChanges changes)
        {
            var edit = new PolicyEdit(CheckSourceId(sourceId), UsageTypes.Normalize(usageType, allowUndocumentedUsageType), PolicyEditKind.Changes);
            if (changes.IsEmpty)
            {
                throw new InputValidationException("Name", "Nothing to change: give -Name, -Description, -SetField or -RemoveField, or use -Operation or -InputObject.");
            }

            edit.Changes = changes;
            return edit;
        }

        /// <summary>A policy from Get-ProvisioningPolicy changed in place (or built by hand); it names its own source and usage type.</summary>
        public static PolicyEdit ToMatch(ProvisioningPolicy desired, bool allowUndocumentedUsageType)
        {
            if (desired == null)
            {
                throw new InputValidationException("InputObject", "-InputObject is null.");
            }

            var readAs = desired.AsRead?.Value<string?>("usageType");
            if (readAs != null && !string.Equals(readAs, desired.UsageType, StringComparison.Ordinal))
            {
                throw new InputValidationException("InputObject", "The UsageType of a policy cannot be changed (it was read as " + readAs + " and is now " + desired.UsageType + ").");
            }

            var edit = new PolicyEdit(CheckSourceId(desired.SourceId), UsageTypes.Normalize(desired.UsageType, allowUndocumentedUsageType), PolicyEditKind.Desired) { Desired = desired };
            var fields = desired.Fields ?? new List<ProvisioningPolicyField>();
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                var notJson = field == null ? null : JsonPatchOperation.NotJson(field.Transform) ?? JsonPatchOperation.NotJson(field.Attributes);
                if (notJson != null)
                {
                    throw new InputValidationException(
                        "InputObject",
                        "Field " + (i + 1) + " (" + field!.Name + ") of the " + edit.Target + " holds " + notJson + " in its Transform or Attributes, which has no JSON form. Use text, numbers, $true/$false, hashtables and arrays of those.");
                }
            }

            return edit;
        }

        /// <summary>"CREATE policy of source 2c91…": how messages and -WhatIf name the target.</summary>
        public string Target => UsageType + " policy of source " + SourceId;

        private static string CheckSourceId(string? sourceId)
        {
            var text = (sourceId ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                throw new InputValidationException("SourceId", "SourceId is empty; give the id of the source, such as 2c9180835d191a86015d28455b4a2329.");
            }

            return text;
        }
    }
}
