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

    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    /// <summary>Parses text as JSON; false for empty or malformed text (including duplicate member names).</summary>
    public static bool TryParse(string text, out JsonNode? node)
    {
        node = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            node = JsonNode.Parse(text, documentOptions: StrictDocument);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
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
