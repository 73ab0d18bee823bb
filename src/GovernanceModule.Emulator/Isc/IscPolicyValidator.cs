using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Isc;

/// <summary>Item 40: what a patched document must be to be stored as a ProvisioningPolicyDto.</summary>
public static class IscPolicyValidator
{
    private static readonly string[] FieldTypes = ["string", "int", "long", "date", "boolean", "secret"];

    /// <summary>The problems of <paramref name="document"/>; empty when it may be stored.</summary>
    public static IReadOnlyList<string> Check(JsonNode? document, string usageType)
    {
        var problems = new List<string>();
        if (document is not JsonObject policy)
        {
            problems.Add("The result must be a JSON object.");
            return problems;
        }

        if (!policy.TryGetPropertyValue("name", out var name) || (name is not null && name.GetValueKind() != JsonValueKind.String))
        {
            problems.Add("name is required and must be a string or null.");
        }

        if (policy["usageType"] is not JsonValue usage || usage.GetValueKind() != JsonValueKind.String || usage.GetValue<string>() != usageType)
        {
            problems.Add("usageType cannot be changed; it must stay " + usageType + ".");
        }

        if (policy.TryGetPropertyValue("fields", out var fields) && fields is not null)
        {
            if (fields is not JsonArray list)
            {
                problems.Add("fields must be an array.");
                return problems;
            }

            for (var i = 0; i < list.Count; i++)
            {
                CheckField(list[i], i, problems);
            }
        }

        return problems;
    }

    private static void CheckField(JsonNode? node, int index, List<string> problems)
    {
        if (node is not JsonObject field)
        {
            problems.Add("fields[" + index + "] must be an object.");
            return;
        }

        foreach (var flag in new[] { "isRequired", "isMultiValued" })
        {
            if (field.TryGetPropertyValue(flag, out var value) && (value is null || value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)))
            {
                problems.Add("fields[" + index + "]." + flag + " must be true or false.");
            }
        }

        if (field.TryGetPropertyValue("type", out var type) && type is not null
            && (type.GetValueKind() != JsonValueKind.String || Array.IndexOf(FieldTypes, type.GetValue<string>()) < 0))
        {
            problems.Add("fields[" + index + "].type must be one of " + string.Join(", ", FieldTypes) + ".");
        }
    }
}
