using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Isc;

/// <summary>An operation that cannot be applied; the whole patch then changes nothing.</summary>
public sealed class JsonPatchException(int index, string message) : Exception("Operation " + index + ": " + message)
{
    public int Index { get; } = index;
}

/// <summary>
/// RFC 6902 applied to System.Text.Json nodes, written for the emulator on its own: the server must not
/// share the client's patch code, or a bug in it would cancel out. Works on a copy, so a failure leaves the input as it was.
/// </summary>
public static class JsonPatchApplier
{
    public static JsonNode? Apply(JsonNode? document, IReadOnlyList<IscPatchOperation> operations)
    {
        var root = document?.DeepClone();
        for (var index = 0; index < operations.Count; index++)
        {
            try
            {
                root = ApplyOne(root, operations[index]);
            }
            catch (PatchFailure failure)
            {
                throw new JsonPatchException(index, failure.Message);
            }
        }

        return root;
    }

    /// <summary>RFC 6902 §4.6 equality: numbers by value, objects ignoring member order, arrays in order, strings exactly.</summary>
    public static bool JsonEquals(JsonNode? left, JsonNode? right)
    {
        var kind = KindOf(left);
        if (kind != KindOf(right)) return false;
        switch (kind)
        {
            case JsonValueKind.Object:
                var leftObject = left!.AsObject();
                var rightObject = right!.AsObject();
                return leftObject.Count == rightObject.Count
                    && leftObject.All(member => rightObject.TryGetPropertyValue(member.Key, out var other) && JsonEquals(member.Value, other));
            case JsonValueKind.Array:
                var leftArray = left!.AsArray();
                var rightArray = right!.AsArray();
                return leftArray.Count == rightArray.Count && leftArray.Select((item, i) => JsonEquals(item, rightArray[i])).All(equal => equal);
            case JsonValueKind.String:
                return string.Equals(left!.GetValue<string>(), right!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(left!.ToJsonString(), right!.ToJsonString());
            default:
                return true;
        }
    }

    private static JsonNode? ApplyOne(JsonNode? root, IscPatchOperation operation)
    {
        switch (operation.Op)
        {
            case "add":
                return Add(root, operation.Path, operation.Value?.DeepClone());
            case "remove":
                return Remove(root, operation.Path, out _);
            case "replace":
                return Replace(root, operation.Path, operation.Value?.DeepClone());
            case "move":
                var from = operation.From!;
                if (JsonPointer.IsProperPrefix(from, operation.Path)) throw new PatchFailure("move cannot put a location inside itself.");
                if (from.SequenceEqual(operation.Path))
                {
                    if (!TryGet(root, from, out _)) throw new PatchFailure("move needs an existing from at " + Show(from) + ".");
                    return root;
                }

                root = Remove(root, from, out var moved);
                return Add(root, operation.Path, moved);
            case "copy":
                if (!TryGet(root, operation.From!, out var copied)) throw new PatchFailure("copy needs an existing from at " + Show(operation.From!) + ".");
                return Add(root, operation.Path, copied?.DeepClone());
            case "test":
                if (!TryGet(root, operation.Path, out var actual)) throw new PatchFailure("test failed: nothing at " + Show(operation.Path) + ".");
                if (!JsonEquals(actual, operation.Value)) throw new PatchFailure("test failed: the value at " + Show(operation.Path) + " differs.");
                return root;
            default:
                throw new PatchFailure("unknown op " + operation.Op + ".");
        }
    }

    private static JsonNode? Add(JsonNode? root, IReadOnlyList<string> path, JsonNode? value)
    {
        if (path.Count == 0) return value;
        var parent = Parent(root, path);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                return root;
            case JsonArray array:
                var index = last == "-" ? array.Count : Index(last, array.Count, allowEnd: true, path);
                array.Insert(index, value);
                return root;
            default:
                throw new PatchFailure("the parent of " + Show(path) + " is not an object or array.");
        }
    }

    private static JsonNode? Replace(JsonNode? root, IReadOnlyList<string> path, JsonNode? value)
    {
        if (!TryGet(root, path, out _)) throw new PatchFailure("replace needs an existing target at " + Show(path) + ".");
        if (path.Count == 0) return value;
        switch (Parent(root, path))
        {
            case JsonObject obj:
                obj[path[^1]] = value;
                break;
            case JsonArray array:
                array[Index(path[^1], array.Count, allowEnd: false, path)] = value;
                break;
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, IReadOnlyList<string> path, out JsonNode? removed)
    {
        if (path.Count == 0) throw new PatchFailure("the whole document cannot be removed.");
        var parent = Parent(root, path);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(last, out removed)) throw new PatchFailure("nothing to remove at " + Show(path) + ".");
                obj.Remove(last);
                return root;
            case JsonArray array:
                var index = Index(last, array.Count, allowEnd: false, path);
                removed = array[index];
                array.RemoveAt(index);
                return root;
            default:
                throw new PatchFailure("the parent of " + Show(path) + " is not an object or array.");
        }
    }

    private static JsonNode Parent(JsonNode? root, IReadOnlyList<string> path)
    {
        if (!TryGet(root, path.Take(path.Count - 1).ToList(), out var parent) || parent is null)
        {
            throw new PatchFailure("the parent of " + Show(path) + " does not exist.");
        }

        return parent;
    }

    private static bool TryGet(JsonNode? root, IReadOnlyList<string> path, out JsonNode? node)
    {
        node = root;
        foreach (var token in path)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var member):
                    node = member;
                    break;
                case JsonArray array when IsIndex(token) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count:
                    node = array[i];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }

    private static int Index(string token, int count, bool allowEnd, IReadOnlyList<string> path)
    {
        if (!IsIndex(token) || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > count || (!allowEnd && index == count))
        {
            throw new PatchFailure("'" + token + "' is not a valid index in " + Show(path) + " (the array has " + count + " items).");
        }

        return index;
    }

    /// <summary>RFC 6901 array indexes: "0", or digits without a leading zero.</summary>
    private static bool IsIndex(string token) => token.Length > 0 && token.All(char.IsAsciiDigit) && (token == "0" || token[0] != '0');

    private static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    private static bool NumbersEqual(string left, string right)
    {
        const NumberStyles style = NumberStyles.Float;
        if (decimal.TryParse(left, style, CultureInfo.InvariantCulture, out var l) && decimal.TryParse(right, style, CultureInfo.InvariantCulture, out var r)) return l == r;
        return double.Parse(left, style, CultureInfo.InvariantCulture) == double.Parse(right, style, CultureInfo.InvariantCulture);
    }

    private static string Show(IReadOnlyList<string> path) =>
        path.Count == 0 ? "the document root" : "/" + string.Join("/", path.Select(t => t.Replace("~", "~0").Replace("/", "~1")));

    private sealed class PatchFailure(string message) : Exception(message);
}
