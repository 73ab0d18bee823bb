using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Isc;

/// <summary>One parsed operation of an RFC 6902 patch: its shape is checked (op known, path a JSON Pointer, value or from where the op needs one), its semantics are not.</summary>
public sealed record IscPatchOperation(string Op, IReadOnlyList<string> Path, JsonNode? Value, IReadOnlyList<string>? From)
{
    private static readonly string[] Ops = ["add", "remove", "replace", "move", "copy", "test"];

    /// <summary>Parses a patch body; on failure returns null and the cause naming the operation's index.</summary>
    public static IReadOnlyList<IscPatchOperation>? ParseAll(JsonNode? body, out string? cause)
    {
        cause = null;
        if (body is not JsonArray array)
        {
            cause = "The body must be a JSON array of JSON Patch operations.";
            return null;
        }

        var operations = new List<IscPatchOperation>(array.Count);
        for (var index = 0; index < array.Count; index++)
        {
            var operation = Parse(array[index], out var problem);
            if (operation is null)
            {
                cause = "Operation " + index + ": " + problem;
                return null;
            }

            operations.Add(operation);
        }

        return operations;
    }

    private static IscPatchOperation? Parse(JsonNode? node, out string? problem)
    {
        problem = null;
        if (node is not JsonObject item)
        {
            problem = "each operation must be a JSON object.";
            return null;
        }

        var op = TextOf(item, "op");
        if (op is null || Array.IndexOf(Ops, op) < 0)
        {
            problem = "op must be one of add, remove, replace, move, copy, test.";
            return null;
        }

        var pathText = TextOf(item, "path");
        var path = pathText is null ? null : JsonPointer.Parse(pathText);
        if (path is null)
        {
            problem = "path must be a JSON Pointer: \"\" or a string starting with '/'.";
            return null;
        }

        var needsValue = op is "add" or "replace" or "test";
        if (needsValue && !item.ContainsKey("value"))
        {
            problem = op + " needs a value.";
            return null;
        }

        IReadOnlyList<string>? from = null;
        if (op is "move" or "copy")
        {
            var fromText = TextOf(item, "from");
            from = fromText is null ? null : JsonPointer.Parse(fromText);
            if (from is null)
            {
                problem = op + " needs from, a JSON Pointer.";
                return null;
            }
        }

        return new IscPatchOperation(op, path, needsValue ? item["value"]?.DeepClone() : null, from);
    }

    private static string? TextOf(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
