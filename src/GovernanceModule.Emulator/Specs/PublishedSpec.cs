using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace GovernanceModule.Emulator.Specs;

/// <summary>
/// One of SailPoint's published OpenAPI documents (this folder, every $ref inlined, MIT: LICENSE-sailpoint-api-specs),
/// embedded in the emulator. The emulator validates what it stores and answers against its schemas; the conformance
/// tests drive every operation it lists.
/// </summary>
public sealed class PublishedSpec
{
    private static readonly Lazy<PublishedSpec> IscSpec = new(() => Load("isc-v3-provisioning-policies.openapi.json"));
    private static readonly Lazy<PublishedSpec> NermSpec = new(() => Load("nerm-workflow-sessions.openapi.json"));

    private readonly JObject document;
    private readonly ConcurrentDictionary<string, SpecSchema> schemas = new(StringComparer.Ordinal);

    private PublishedSpec(string fileName, JObject document)
    {
        FileName = fileName;
        this.document = document;
    }

    /// <summary>ISC v3 provisioning policies: /sources/{sourceId}/provisioning-policies[/{usageType}|/bulk-update].</summary>
    public static PublishedSpec Isc => IscSpec.Value;

    /// <summary>NERM workflow sessions: /workflow_sessions[/{id}].</summary>
    public static PublishedSpec Nerm => NermSpec.Value;

    public string FileName { get; }

    /// <summary>The document as published (a copy), for tests that read its enums.</summary>
    public JObject Document => (JObject)document.DeepClone();

    /// <summary>Every operation: path template, upper-case method and the statuses it documents.</summary>
    public IReadOnlyList<SpecOperation> Operations =>
        document["paths"]!.Children<JProperty>()
            .SelectMany(path => path.Value.Children<JProperty>()
                .Where(method => method.Value is JObject op && op["responses"] is JObject)
                .Select(method => new SpecOperation(
                    path.Name,
                    method.Name.ToUpperInvariant(),
                    (string?)method.Value["operationId"] ?? "",
                    ((JObject)method.Value["responses"]!).Properties().Select(r => int.Parse(r.Name, CultureInfo.InvariantCulture)).ToList())))
            .ToList();

    /// <summary>The media types the spec gives for a response; empty for one without a body (204).</summary>
    public IReadOnlyList<string> ResponseMediaTypes(string pathTemplate, string method, int status) =>
        (ResponseNode(pathTemplate, method, status)["content"] as JObject)?.Properties().Select(p => p.Name).ToList() ?? [];

    /// <summary>The schema of the operation's request body.</summary>
    public SpecSchema RequestBody(string pathTemplate, string method) =>
        schemas.GetOrAdd(method + " " + pathTemplate + " request", key =>
            FirstSchema(Operation(pathTemplate, method)["requestBody"]?["content"] as JObject, key));

    /// <summary>The schema of one documented response.</summary>
    public SpecSchema Response(string pathTemplate, string method, int status) =>
        schemas.GetOrAdd(method + " " + pathTemplate + " " + status.ToString(CultureInfo.InvariantCulture), key =>
            FirstSchema(ResponseNode(pathTemplate, method, status)["content"] as JObject, key));

    private JObject ResponseNode(string pathTemplate, string method, int status) =>
        Operation(pathTemplate, method)["responses"]?[status.ToString(CultureInfo.InvariantCulture)] as JObject
        ?? throw new KeyNotFoundException(method + " " + pathTemplate + " documents no " + status + " in " + FileName + ".");

    private JObject Operation(string pathTemplate, string method) =>
        document["paths"]?[pathTemplate]?[method.ToLowerInvariant()] as JObject
        ?? throw new KeyNotFoundException(method + " " + pathTemplate + " is not in " + FileName + ".");

    private static SpecSchema FirstSchema(JObject? content, string description)
    {
        var schema = content?.Properties().Select(p => p.Value["schema"]).OfType<JObject>().FirstOrDefault()
            ?? throw new KeyNotFoundException(description + " has no schema.");
        return new SpecSchema(description, JsonSchema.FromJsonAsync(ToJsonSchema(schema).ToString()).GetAwaiter().GetResult());
    }

    private static PublishedSpec Load(string fileName)
    {
        using var stream = typeof(PublishedSpec).Assembly.GetManifestResourceStream(typeof(PublishedSpec).Namespace + "." + fileName)
            ?? throw new FileNotFoundException("The emulator carries no embedded " + fileName + ".");
        using var reader = new StreamReader(stream);
        return new PublishedSpec(fileName, JObject.Parse(reader.ReadToEnd()));
    }

    /// <summary>
    /// An OpenAPI 3.0 schema object as JSON Schema. Two readings: "nullable" becomes a "null" alternative; and a
    /// oneOf whose alternatives are all objects that require nothing becomes anyOf, since every object matches all
    /// of them and a strict oneOf would refuse even the spec's own examples (NERM's 400 {error} | {error, errors}).
    /// </summary>
    private static JToken ToJsonSchema(JToken node)
    {
        switch (node)
        {
            case JObject obj:
                var copy = new JObject();
                foreach (var property in obj.Properties())
                {
                    // "example(s)" and "default" hold sample values, never schemas.
                    copy[property.Name] = property.Name is "example" or "examples" or "default" ? property.Value.DeepClone() : ToJsonSchema(property.Value);
                }

                if (copy["oneOf"] is JArray alternatives && alternatives.All(IsObjectRequiringNothing))
                {
                    copy["anyOf"] = alternatives;
                    copy.Remove("oneOf");
                }

                if (copy.Value<bool?>("nullable") is { } nullable)
                {
                    copy.Remove("nullable");
                    if (nullable) return new JObject { ["anyOf"] = new JArray(copy, new JObject { ["type"] = "null" }) };
                }

                return copy;
            case JArray array:
                return new JArray(array.Select(ToJsonSchema));
            default:
                return node.DeepClone();
        }
    }

    private static bool IsObjectRequiringNothing(JToken alternative) =>
        alternative is JObject schema && (string?)schema["type"] == "object" && schema["required"] is null;
}

/// <summary>An operation of a published spec.</summary>
public sealed record SpecOperation(string PathTemplate, string Method, string OperationId, IReadOnlyList<int> Statuses);
