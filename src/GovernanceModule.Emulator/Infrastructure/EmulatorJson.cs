using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>JSON helpers shared by the admin surface and the vendor APIs.</summary>
public static class EmulatorJson
{
    /// <summary>camelCase, as the admin surface speaks (FaultMode has its own converter).</summary>
    public static readonly JsonSerializerOptions Admin = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>For vendor answers: '&amp;' and quotes stay as they are, as the vendors write them.</summary>
    public static readonly JsonSerializerOptions Vendor = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses text as JSON; false for empty or malformed text (including duplicate member names).</summary>
    public static bool TryParse(string text, out JsonNode? node)
    {
        node = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            if (HasDuplicateProperty(text)) return false;
            node = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when some object in <paramref name="text"/> names a member twice. net8.0 has no
    /// <c>JsonDocumentOptions.AllowDuplicateProperties</c> (new in .NET 10), so the check is by hand.
    /// </summary>
    private static bool HasDuplicateProperty(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        var objects = new Stack<HashSet<string>?>(); // null for an array level
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    objects.Push(null);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    if (objects.Peek() is { } names && !names.Add(reader.GetString()!)) return true;
                    break;
            }
        }
        return false;
    }

    /// <summary>Reads the whole request body as UTF-8 text.</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    /// <summary>An <see cref="IResult"/> writing <paramref name="body"/> as <c>application/json</c>.</summary>
    public static IResult Result(JsonNode? body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(body is null ? "null" : body.ToJsonString(Vendor), "application/json", Encoding.UTF8, statusCode);

    public static JsonArray Array(IEnumerable<JsonNode> items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(item);
        return array;
    }

    /// <summary>A link object <c>{"rel":…,"href":…}</c>, as OIG uses them.</summary>
    public static JsonObject Link(string rel, string href) => new() { ["rel"] = rel, ["href"] = href };
}
