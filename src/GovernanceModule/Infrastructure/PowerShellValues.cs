using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using GovernanceModule.Core;
using GovernanceModule.Core.Isc;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Plain .NET values from what PowerShell hands a cmdlet: PSObject wrappers removed, PSCustomObjects and hashtables
    /// turned into dictionaries, arrays into lists, so that Core (which never sees PowerShell) can read them as JSON.
    /// </summary>
    internal static class PowerShellValues
    {
        /// <summary>The members an object was given itself (a CSV row's columns); null where this PowerShell does not have them.</summary>
        private static readonly Func<PSObject, IEnumerable>? OwnMembers = FindOwnMembers();

        public static object? ToPlain(object? value)
        {
            if (value is PSObject wrapped)
            {
                if (!(wrapped.BaseObject is PSCustomObject))
                {
                    return ToPlain(wrapped.BaseObject);
                }

                var members = new OrderedDictionary();
                foreach (var property in PropertiesOf(wrapped))
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
        /// The properties of a PSCustomObject (a CSV row), in order. They are read from the object's own members where
        /// PowerShell (5.1 and 7) keeps them: enumerating <see cref="PSObject.Properties"/> also builds the object's
        /// reserved member sets and asks the type table, about 30 times the cost for each new object, which a journaled
        /// run would pay for every row it reads. Once used, the reserved members (psobject, psbase, ... and the pstypenames
        /// property) are among them too, hidden: they are skipped, as Properties skips them. Members a type file adds to
        /// PSCustomObject are not among them.
        /// </summary>
        public static IEnumerable<PSPropertyInfo> PropertiesOf(PSObject row) =>
            OwnMembers == null || !(row.BaseObject is PSCustomObject) ? row.Properties : OwnMembers(row).OfType<PSPropertyInfo>().Where(IsColumn);

        /// <summary>
        /// The columns of a row whose values are all text or null (a CSV row), in order, as <see cref="PropertiesOf"/>
        /// reads them; null for any other input. Every row of a journaled run is read this way.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static KeyValuePair<string, string?>[]? TextColumns(object? value)
        {
            if (OwnMembers == null || !(value is PSObject row) || !(row.BaseObject is PSCustomObject))
            {
                return null;
            }

            var columns = new List<KeyValuePair<string, string?>>();
            foreach (var member in OwnMembers(row))
            {
                if (member is PSPropertyInfo property && IsColumn(property))
                {
                    var text = property.Value is PSObject wrapped ? wrapped.BaseObject : property.Value;
                    if (text != null && !(text is string))
                    {
                        return null;
                    }

                    columns.Add(new KeyValuePair<string, string?>(property.Name, (string?)text));
                }
            }

            return columns.ToArray();
        }

        private static bool IsColumn(PSPropertyInfo property) => !string.Equals(property.Name, "pstypenames", StringComparison.OrdinalIgnoreCase);

        private static Func<PSObject, IEnumerable>? FindOwnMembers()
        {
            var getter = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.Instance | BindingFlags.NonPublic)?.GetGetMethod(nonPublic: true);
            return getter != null && typeof(IEnumerable).IsAssignableFrom(getter.ReturnType)
                ? (Func<PSObject, IEnumerable>)Delegate.CreateDelegate(typeof(Func<PSObject, IEnumerable>), getter)
                : null;
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
