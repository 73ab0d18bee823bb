using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// Turns an edit into the JSON Patch to send, computed against the policy as the server last returned it, with a
    /// leading test for every top-level member the patch changes (the whole policy when such a member is absent, since
    /// JSON Patch cannot test for absence). Array indexes in the changes are then safe: if anyone changed those
    /// members in between, the server refuses the whole patch.
    /// </summary>
    public static class PolicyPatchBuilder
    {
        /// <summary>The minimal patch from <paramref name="current"/> to <paramref name="desired"/>, by JSON diff.</summary>
        public static PolicyPatch ForDesired(JObject current, JObject desired) => Guarded(current, JsonDiff.Operations(current, desired));

        public static PolicyPatch ForChanges(JObject current, PolicyChanges changes)
        {
            var operations = new List<JsonPatchOperation>();
            if (changes.SetsName)
            {
                SetMember(current, "name", changes.Name == null ? JValue.CreateNull() : new JValue(changes.Name), operations);
            }

            if (changes.SetsDescription)
            {
                if (changes.Description != null)
                {
                    SetMember(current, "description", new JValue(changes.Description), operations);
                }
                else if (current.Property("description") != null)
                {
                    operations.Add(JsonPatchOperation.Remove("/description"));
                }
            }

            EditFields(current, changes, operations);
            return Guarded(current, operations);
        }

        private static void SetMember(JObject current, string member, JToken value, List<JsonPatchOperation> operations)
        {
            var existing = current.Property(member);
            if (existing == null)
            {
                operations.Add(JsonPatchOperation.Add("/" + member, value));
            }
            else if (!IscJson.JsonEquals(existing.Value, value))
            {
                operations.Add(JsonPatchOperation.Replace("/" + member, value));
            }
        }

        private static void EditFields(JObject current, PolicyChanges changes, List<JsonPatchOperation> operations)
        {
            if (changes.SetFields.Count == 0 && changes.RemoveFields.Count == 0)
            {
                return;
            }

            var hasFields = current["fields"] is JArray;
            var fields = hasFields ? (JArray)current["fields"]!.DeepClone() : new JArray();
            foreach (var name in changes.RemoveFields)
            {
                var index = IndexOf(fields, name);
                if (index < 0)
                {
                    throw new InputValidationException("RemoveField", "The policy has no field '" + name + "'; its fields are: " + FieldNames(fields) + ".");
                }

                operations.Add(JsonPatchOperation.Remove("/fields/" + index));
                fields.RemoveAt(index);
            }

            foreach (var field in changes.SetFields)
            {
                var index = IndexOf(fields, (string)field["name"]!);
                if (index < 0)
                {
                    operations.Add(hasFields ? JsonPatchOperation.Add("/fields/-", field) : JsonPatchOperation.Add("/fields", new JArray(field)));
                    hasFields = true;
                    fields.Add(field.DeepClone());
                    continue;
                }

                var existing = (JObject)fields[index];
                foreach (var member in field.Properties().Where(p => p.Name != "name"))
                {
                    var path = "/fields/" + index + "/" + JsonPatchOperation.Escape(member.Name);
                    var old = existing.Property(member.Name);
                    if (old == null)
                    {
                        operations.Add(JsonPatchOperation.Add(path, member.Value));
                    }
                    else if (!IscJson.JsonEquals(old.Value, member.Value))
                    {
                        operations.Add(JsonPatchOperation.Replace(path, member.Value));
                    }

                    existing[member.Name] = member.Value.DeepClone();
                }
            }
        }

        private static PolicyPatch Guarded(JObject current, IReadOnlyList<JsonPatchOperation> changes)
        {
            var touched = changes.Select(o => TopLevelMember(o.Path)).Concat(changes.Where(o => o.From != null).Select(o => TopLevelMember(o.From!))).Distinct().ToList();
            var guards = new List<JsonPatchOperation>();
            if (touched.Any(m => m == null || current[m] == null || current[m]!.Type == JTokenType.Null))
            {
                guards.Add(JsonPatchOperation.Test(string.Empty, current.DeepClone()));
            }
            else
            {
                guards.AddRange(touched.Select(m => JsonPatchOperation.Test("/" + JsonPatchOperation.Escape(m!), current[m!]!.DeepClone())));
            }

            return new PolicyPatch(changes.Count == 0 ? Array.Empty<JsonPatchOperation>() : guards, changes);
        }

        /// <summary>The unescaped first token of a pointer; null for the whole document.</summary>
        private static string? TopLevelMember(string pointer)
        {
            if (pointer.Length == 0)
            {
                return null;
            }

            var end = pointer.IndexOf('/', 1);
            var token = end < 0 ? pointer.Substring(1) : pointer.Substring(1, end - 1);
            return token.Replace("~1", "/").Replace("~0", "~");
        }

        private static int IndexOf(JArray fields, string name)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i] is JObject field && string.Equals((string?)(field["name"] as JValue)?.Value, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private static string FieldNames(JArray fields) =>
            fields.Count == 0 ? "(none)" : string.Join(", ", fields.OfType<JObject>().Select(f => (string?)(f["name"] as JValue)?.Value ?? "(unnamed)"));
    }
}
