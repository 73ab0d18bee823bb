using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>
    /// The vendor's own OpenAPI document (../shared/specs/, every $ref inlined), read so that tests validate what the
    /// client sends and what the emulator answers against it: a misreading shared by client and emulator fails here.
    /// </summary>
    public sealed class OpenApiSchema
    {
        private readonly JObject spec;

        private OpenApiSchema(JObject spec, string path)
        {
            this.spec = spec;
            SpecPath = path;
        }

        public string SpecPath { get; }

        /// <summary>Loads shared/specs/<paramref name="specFileName"/>, found by walking up from the test binaries.</summary>
        public static OpenApiSchema Load(string specFileName)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "specs", specFileName);
                if (File.Exists(candidate))
                {
                    return new OpenApiSchema(JObject.Parse(File.ReadAllText(candidate)), candidate);
                }
            }

            throw new FileNotFoundException("No shared/specs/" + specFileName + " above " + AppContext.BaseDirectory);
        }

        public ConformanceSchema RequestBody(string pathTemplate, string method)
        {
            var content = (JObject)Operation(pathTemplate, method)["requestBody"]!["content"]!;
            return FirstSchema(content, pathTemplate + " " + method + " request body");
        }

        public ConformanceSchema Response(string pathTemplate, string method, int statusCode)
        {
            var response = Operation(pathTemplate, method)["responses"]?[statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                ?? throw new KeyNotFoundException(pathTemplate + " " + method + " documents no " + statusCode + " response");
            return FirstSchema((JObject)response["content"]!, pathTemplate + " " + method + " " + statusCode);
        }

        private JObject Operation(string pathTemplate, string method) =>
            (JObject?)spec["paths"]?[pathTemplate]?[method.ToLowerInvariant()]
            ?? throw new KeyNotFoundException(method + " " + pathTemplate + " is not in " + SpecPath);

        private static ConformanceSchema FirstSchema(JObject content, string what)
        {
            foreach (var media in content.Properties())
            {
                if (media.Value["schema"] is JObject schema)
                {
                    return new ConformanceSchema(what, JSchema.Parse(ToJsonSchema(schema).ToString()));
                }
            }

            throw new KeyNotFoundException(what + " has no schema");
        }

        /// <summary>OpenAPI 3.0 schema objects are JSON Schema but for "nullable", which becomes a "null" alternative.</summary>
        private static JToken ToJsonSchema(JToken node)
        {
            switch (node)
            {
                case JObject obj:
                    var copy = new JObject();
                    foreach (var property in obj.Properties())
                    {
                        // "example(s)" hold sample values, never schemas.
                        copy[property.Name] = property.Name == "example" || property.Name == "examples" ? property.Value.DeepClone() : ToJsonSchema(property.Value);
                    }

                    if (copy.Value<bool?>("nullable") == true)
                    {
                        copy.Remove("nullable");
                        return new JObject { ["anyOf"] = new JArray(copy, new JObject { ["type"] = "null" }) };
                    }

                    return copy;
                case JArray array:
                    return new JArray(array.Select(ToJsonSchema));
                default:
                    return node.DeepClone();
            }
        }
    }

    public sealed class ConformanceSchema
    {
        private readonly JSchema schema;

        public ConformanceSchema(string description, JSchema schema)
        {
            Description = description;
            this.schema = schema;
        }

        public string Description { get; }

        /// <summary>The schema violations of <paramref name="document"/>; empty when it conforms.</summary>
        public IList<string> Validate(JToken document)
        {
            document.IsValid(schema, out IList<string> errors);
            return errors;
        }
    }
}
