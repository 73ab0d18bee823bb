using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// Validates one task request object (the single PUT body, or one entry of a bulk PUT) into an
/// <see cref="OigCommand"/>. Members other than <c>action</c> and <c>fields</c> (id, taskId,
/// requestId) are left to the caller.
/// </summary>
public static class OigCommandParser
{
    private const string AssigneeField = "assignee";
    private const string TypeField = "type";

    private static readonly Dictionary<string, OigAction> Actions = new(StringComparer.Ordinal)
    {
        ["reassign"] = OigAction.Reassign,
        ["setNote"] = OigAction.SetNote,
        ["setResponse"] = OigAction.SetResponse,
        ["retry"] = OigAction.Retry,
    };

    /// <summary>Returns the command, or null with the reason the request is invalid.</summary>
    public static OigCommand? Parse(JsonObject request, out string? error)
    {
        error = null;
        var actionName = ActionOf(request);
        OigAction action;
        if (request["action"] is null)
        {
            action = OigAction.UpdateFields;
        }
        else if (actionName is null || !Actions.TryGetValue(actionName, out action))
        {
            error = $"Unknown action '{actionName ?? request["action"]!.ToJsonString()}'. Expected reassign, setNote, setResponse or retry.";
            return null;
        }

        var fields = ReadFields(request, out error);
        if (error is not null) return null;

        return action switch
        {
            OigAction.Retry => new OigCommand(action, actionName, null, []),
            OigAction.Reassign => Reassign(actionName!, fields, out error),
            OigAction.SetNote => SingleUpdate(action, actionName!, fields, OigTaskFields.Note, allowEmpty: true, out error),
            OigAction.SetResponse => SingleUpdate(action, actionName!, fields, OigTaskFields.Response, allowEmpty: false, out error),
            _ => UpdateFields(fields, out error),
        };
    }

    /// <summary>The <c>action</c> member as text (for echoing in bulk results), or null when absent.</summary>
    public static string? ActionOf(JsonObject request) => ScalarText(request["action"]);

    /// <summary>A string or number member as text; null for anything else.</summary>
    public static string? ScalarText(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static List<KeyValuePair<string, string>>? ReadFields(JsonObject request, out string? error)
    {
        error = null;
        var node = request["fields"];
        if (node is null) return null;
        if (node is not JsonArray array)
        {
            error = "'fields' must be an array of {name, value} objects.";
            return null;
        }

        var fields = new List<KeyValuePair<string, string>>(array.Count);
        foreach (var item in array)
        {
            var name = item is JsonObject field ? ScalarText(field["name"]) : null;
            if (string.IsNullOrEmpty(name))
            {
                error = "Every entry of 'fields' must be an object with a 'name'.";
                return null;
            }
            var value = ScalarText(item!["value"]);
            if (value is null)
            {
                error = $"Field '{name}' needs a string or number 'value'.";
                return null;
            }
            fields.Add(new(name, value));
        }
        return fields;
    }

    private static OigCommand? Reassign(string actionName, List<KeyValuePair<string, string>>? fields, out string? error)
    {
        var assignee = Lookup(fields, AssigneeField);
        var type = Lookup(fields, TypeField);
        if (string.IsNullOrEmpty(assignee) || type is null)
        {
            error = "reassign needs the fields 'assignee' and 'type'.";
            return null;
        }
        if (!type.Equals("user", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Assignee type '{type}' is not supported; use 'user'.";
            return null;
        }
        error = null;
        return new OigCommand(OigAction.Reassign, actionName, assignee, []);
    }

    private static OigCommand? SingleUpdate(
        OigAction action, string actionName, List<KeyValuePair<string, string>>? fields, string fieldName, bool allowEmpty, out string? error)
    {
        var value = Lookup(fields, fieldName);
        if (value is null || (!allowEmpty && value.Length == 0))
        {
            error = $"{actionName} needs the field '{fieldName}'.";
            return null;
        }
        error = null;
        return new OigCommand(action, actionName, null, [new(fieldName, value)]);
    }

    private static OigCommand? UpdateFields(List<KeyValuePair<string, string>>? fields, out string? error)
    {
        if (fields is null || fields.Count == 0)
        {
            error = "A request without 'action' must list the attributes to set in 'fields'.";
            return null;
        }

        var updates = new List<KeyValuePair<string, string>>(fields.Count);
        foreach (var (name, value) in fields)
        {
            var field = OigTaskFields.Find(name);
            error = field is null ? $"Unknown task attribute '{name}'."
                : field.Write is null ? $"Task attribute '{field.Name}' cannot be updated."
                : OigTaskFields.CheckValue(field, value);
            if (error is not null) return null;
            updates.Add(new(field!.Name, value));
        }
        error = null;
        return new OigCommand(OigAction.UpdateFields, null, null, updates);
    }

    /// <summary>Field order does not matter; names match exactly, the last one wins.</summary>
    private static string? Lookup(List<KeyValuePair<string, string>>? fields, string name) =>
        fields?.LastOrDefault(f => f.Key == name).Value;
}
