using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using GovernanceModule.Core.Isc;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Plain .NET values from what PowerShell hands a cmdlet: PSObject wrappers removed, PSCustomObjects and hashtables
    /// turned into dictionaries, arrays into lists, so that Core (which never sees PowerShell) can read them as JSON.
    /// </summary>
    internal static class PowerShellValues
    {
        public static object? ToPlain(object? value)
        {
            if (value is PSObject wrapped)
            {
                if (!(wrapped.BaseObject is PSCustomObject))
                {
                    return ToPlain(wrapped.BaseObject);
                }

                var members = new OrderedDictionary();
                foreach (var property in wrapped.Properties)
                {
                    members[property.Name] = ToPlain(property.Value);
                }

                return members;
            }

            switch (value)
            {
                case null:
                case string _:
                    return value;
                case IDictionary dictionary:
                    var plain = new OrderedDictionary();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        plain[ToPlain(entry.Key) ?? string.Empty] = ToPlain(entry.Value);
                    }

                    return plain;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (var item in items)
                    {
                        list.Add(ToPlain(item));
                    }

                    return list;
                default:
                    return value;
            }
        }

        /// <summary>
        /// Values PowerShell put into a policy's dictionaries may be PSObjects; Core gets plain values. The policy's
        /// dictionaries are replaced by equal plain copies, which the caller's object keeps.
        /// </summary>
        public static ProvisioningPolicy ToPlain(ProvisioningPolicy policy)
        {
            foreach (var field in policy.Fields ?? new List<ProvisioningPolicyField>())
            {
                if (field != null)
                {
                    field.Transform = ToPlain(field.Transform) as IDictionary;
                    field.Attributes = ToPlain(field.Attributes) as IDictionary;
                }
            }

            return policy;
        }
    }
}
