using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// An edit by named property: a new name or description, fields to set (matched by field name; members given
    /// replace those of the current field, a missing field is added) and fields to remove by name.
    /// </summary>
    public sealed class PolicyChanges
    {
        private static readonly string[] FieldMembers = { "name", "transform", "attributes", "isRequired", "type", "isMultiValued" };

        /// <summary>FieldDetailsDto.type as the current spec restricts it.</summary>
        public static readonly IReadOnlyList<string> FieldTypes = new[] { "string", "int", "long", "date", "boolean", "secret" };

        private readonly List<JObject> setFields = new List<JObject>();
        private readonly List<string> removeFields = new List<string>();

        public bool SetsName { get; private set; }

        public string? Name { get; private set; }

        public bool SetsDescription { get; private set; }

        /// <summary>The new description; null removes it.</summary>
        public string? Description { get; private set; }

        public IReadOnlyList<JObject> SetFields => setFields;

        public IReadOnlyList<string> RemoveFields => removeFields;

        public bool IsEmpty => !SetsName && !SetsDescription && setFields.Count == 0 && removeFields.Count == 0;

        public PolicyChanges WithName(string? name)
        {
            SetsName = true;
            Name = name;
            return this;
        }

        public PolicyChanges WithDescription(string? description)
        {
            SetsDescription = true;
            Description = description;
            return this;
        }

        /// <summary>Adds a field to set: a <see cref="ProvisioningPolicyField"/> or a dictionary of its members (any case).</summary>
        public PolicyChanges SetField(object field, string label)
        {
            var json = FieldJson(field, label);
            if (!(json["name"] is JValue name) || name.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)name.Value))
            {
                throw new InputValidationException("SetField", label + " has no Name; fields are matched by name. Give it, such as @{Name = 'mail'; Type = 'string'}.");
            }

            setFields.Add(json);
            return this;
        }

        public PolicyChanges RemoveField(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InputValidationException("RemoveField", "RemoveField takes field names; an empty name was given.");
            }

            removeFields.Add(name);
            return this;
        }

        private static JObject FieldJson(object field, string label)
        {
            switch (field)
            {
                case ProvisioningPolicyField typed:
                    var notJsonMember = JsonPatchOperation.NotJson(typed.Transform) ?? JsonPatchOperation.NotJson(typed.Attributes);
                    if (notJsonMember != null)
                    {
                        throw new InputValidationException("SetField", label + " (" + typed.Name + ") holds " + notJsonMember + " in its Transform or Attributes, which has no JSON form. Use text, numbers, $true/$false, hashtables and arrays of those.");
                    }

                    return PolicyJson.ToJson(typed);
                case IDictionary dictionary:
                    var json = new JObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                        var member = FieldMembers.FirstOrDefault(m => string.Equals(m, key, StringComparison.OrdinalIgnoreCase));
                        if (member == null)
                        {
                            throw new InputValidationException("SetField", label + " has a key '" + key + "'; a field has " + string.Join(", ", FieldMembers) + ". Use -Operation for anything else.");
                        }

                        var notJson = JsonPatchOperation.NotJson(entry.Value);
                        if (notJson != null)
                        {
                            throw new InputValidationException("SetField", label + ": " + member + " holds " + notJson + ", which has no JSON form. Use text, numbers, $true/$false, hashtables and arrays of those.");
                        }

                        json[member] = Checked(member, IscJson.FromPlain(entry.Value), label);
                    }

                    return json;
                default:
                    throw new InputValidationException("SetField", label + " is a " + (field?.GetType().Name ?? "null") + "; give a field from Get-ProvisioningPolicy or a hashtable such as @{Name = 'mail'; Type = 'string'}.");
            }
        }

        private static JToken Checked(string member, JToken value, string label)
        {
            var expected = member == "isRequired" || member == "isMultiValued" ? JTokenType.Boolean
                : member == "transform" || member == "attributes" ? JTokenType.Object
                : JTokenType.String;
            if (value.Type != expected)
            {
                var wanted = expected == JTokenType.Boolean ? "$true or $false"
                    : expected == JTokenType.Object ? "a hashtable, such as @{type = 'identityAttribute'; attributes = @{name = 'email'}}"
                    : member == "type" ? "one of " + string.Join(", ", FieldTypes)
                    : "a string";
                throw new InputValidationException("SetField", label + ": " + member + " must be " + wanted + "; got " + Shown(value) + ".");
            }

            if (member == "type")
            {
                var type = FieldTypes.FirstOrDefault(t => string.Equals(t, ((string?)value)?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (type == null)
                {
                    throw new InputValidationException("SetField", label + ": type '" + (string?)value + "' is not a field type ISC documents; use one of " + string.Join(", ", FieldTypes) + ".");
                }

                return new JValue(type);
            }

            return value;
        }

        private static string Shown(JToken value)
        {
            switch (value.Type)
            {
                case JTokenType.Object: return "a nested object";
                case JTokenType.Array: return "a list";
                case JTokenType.Null: return "$null";
                case JTokenType.String: return "'" + (string?)value + "'";
                default: return value.ToString(Newtonsoft.Json.Formatting.None);
            }
        }
    }
}
