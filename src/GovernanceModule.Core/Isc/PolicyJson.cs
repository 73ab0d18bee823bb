using System;
using System.Collections;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>ProvisioningPolicyDto and FieldDetailsDto JSON to the typed models and back, keeping unknown members.</summary>
    public static class PolicyJson
    {
        private static readonly string[] PolicyMembers = { "name", "description", "usageType", "fields" };
        private static readonly string[] FieldMembers = { "name", "transform", "attributes", "isRequired", "type", "isMultiValued" };

        public static ProvisioningPolicy ToPolicy(JObject json, string sourceId) => ToPolicy<ProvisioningPolicy>(json, sourceId);

        public static T ToPolicy<T>(JObject json, string sourceId)
            where T : ProvisioningPolicy, new()
        {
            var policy = new T
            {
                SourceId = sourceId,
                Name = Text(json, "name"),
                Description = Text(json, "description"),
                UsageType = Text(json, "usageType") ?? string.Empty,
                Fields = (json["fields"] as JArray ?? new JArray()).OfType<JObject>().Select(ToField).ToList(),
                AsRead = (JObject)json.DeepClone(),
            };
            foreach (var property in json.Properties().Where(p => !PolicyMembers.Contains(p.Name) || !IsModelled(p)))
            {
                policy.OtherMembers[property.Name] = property.Value.DeepClone();
            }

            return policy;
        }

        public static ProvisioningPolicyField ToField(JObject json)
        {
            var field = new ProvisioningPolicyField
            {
                Name = Text(json, "name"),
                Transform = IscJson.ToPlain(json["transform"] as JObject) as IDictionary,
                Attributes = IscJson.ToPlain(json["attributes"] as JObject) as IDictionary,
                IsRequired = Flag(json, "isRequired"),
                Type = Text(json, "type"),
                IsMultiValued = Flag(json, "isMultiValued"),
            };
            foreach (var property in json.Properties().Where(p => !FieldMembers.Contains(p.Name) || !IsModelled(p)))
            {
                field.OtherMembers[property.Name] = property.Value.DeepClone();
            }

            return field;
        }

        /// <summary>The document the policy stands for. "name" is always written (the DTO requires it); other nulls are left out.</summary>
        public static JObject ToJson(ProvisioningPolicy policy)
        {
            var json = new JObject { ["name"] = policy.Name == null ? JValue.CreateNull() : new JValue(policy.Name) };
            Put(json, "description", policy.Description);
            Put(json, "usageType", policy.UsageType);
            json["fields"] = new JArray((policy.Fields ?? new System.Collections.Generic.List<ProvisioningPolicyField>()).Where(f => f != null).Select(ToJson));
            AddOthers(json, policy.OtherMembers);

            return json;
        }

        public static JObject ToJson(ProvisioningPolicyField field)
        {
            var json = new JObject();
            Put(json, "name", field.Name);
            if (field.Transform != null)
            {
                json["transform"] = IscJson.FromPlain(field.Transform);
            }

            if (field.Attributes != null)
            {
                json["attributes"] = IscJson.FromPlain(field.Attributes);
            }

            if (field.IsRequired.HasValue)
            {
                json["isRequired"] = field.IsRequired.Value;
            }

            Put(json, "type", field.Type);
            if (field.IsMultiValued.HasValue)
            {
                json["isMultiValued"] = field.IsMultiValued.Value;
            }

            AddOthers(json, field.OtherMembers);

            return json;
        }

        /// <summary>Members kept as they came (unknown ones, or known ones the model cannot hold, such as a null); a value set on the model wins.</summary>
        private static void AddOthers(JObject json, System.Collections.Generic.IDictionary<string, JToken> others)
        {
            foreach (var member in others)
            {
                if (json.Property(member.Key) == null)
                {
                    json[member.Key] = member.Value.DeepClone();
                }
            }
        }

        private static void Put(JObject json, string name, string? value)
        {
            if (value != null)
            {
                json[name] = value;
            }
        }

        private static string? Text(JObject json, string name) => json[name] is JValue value && value.Type == JTokenType.String ? (string?)value.Value : null;

        private static bool? Flag(JObject json, string name) => json[name] is JValue value && value.Type == JTokenType.Boolean ? (bool?)value.Value : null;

        /// <summary>A known member whose JSON type the model can hold; anything else is kept as it came.</summary>
        private static bool IsModelled(JProperty property)
        {
            switch (property.Name)
            {
                case "name":
                case "description":
                case "usageType":
                case "type":
                    return property.Value.Type == JTokenType.String;
                case "transform":
                case "attributes":
                    return property.Value.Type == JTokenType.Object;
                case "fields":
                    return property.Value.Type == JTokenType.Array && property.Value.All(f => f.Type == JTokenType.Object);
                default:
                    return property.Value.Type == JTokenType.Boolean;
            }
        }
    }
}
