using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GovernanceModule.Emulator.Specs;

/// <summary>One schema of a published spec, validated with NJsonSchema.</summary>
public sealed class SpecSchema
{
    private readonly JsonSchema schema;

    internal SpecSchema(string description, JsonSchema schema)
    {
        Description = description;
        this.schema = schema;
    }

    /// <summary>"PATCH /sources/{sourceId}/provisioning-policies/{usageType} 200", for messages.</summary>
    public string Description { get; }

    /// <summary>The violations of a JSON text; empty when it conforms. Text that is not JSON is one violation at the root.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json)
    {
        JToken token;
        try
        {
            // Strings stay strings: a date-like text must not turn into a date before it is checked.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            return [new SchemaViolation("", "is not JSON (" + e.Message + ")", ValidationErrorKind.Unknown)];
        }

        return Validate(token);
    }

    public IReadOnlyList<SchemaViolation> Validate(JToken document) =>
        schema.Validate(document).SelectMany(SchemaViolation.From).ToList();
}

/// <summary>
/// One way a document breaks a schema: <see cref="Member"/> names where ("fields[0].transform", "" for the whole
/// document), <see cref="Problem"/> says what ("object expected").
/// </summary>
public sealed record SchemaViolation(string Member, string Problem, ValidationErrorKind Kind)
{
    public override string ToString() => (Member.Length == 0 ? "the document" : Member) + ": " + Problem;

    /// <summary>
    /// The violations an NJsonSchema error stands for: an invalid array item or property carries the real errors
    /// as its children; a failed anyOf/oneOf (a nullable member) is one violation that says what its alternatives expected.
    /// </summary>
    internal static IEnumerable<SchemaViolation> From(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0 && error.Kind is not (ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAllOf)
            ? child.Errors.Values.SelectMany(errors => errors).SelectMany(From)
            : [new SchemaViolation(MemberOf(error), ProblemOf(error), error.Kind)];

    /// <summary>NJsonSchema gives some errors the path of the member and others that of its parent plus the property.</summary>
    private static string MemberOf(ValidationError error)
    {
        var path = (error.Path ?? "").TrimStart('#').TrimStart('/');
        var property = error.Property ?? "";
        if (property.Length == 0 || path == property || path.EndsWith("." + property, System.StringComparison.Ordinal)) return path;
        return path.Length == 0 ? property : path + "." + property;
    }

    /// <summary>The kind in words; for a failed anyOf/oneOf, what its alternatives expected.</summary>
    private static string ProblemOf(ValidationError error)
    {
        var alternatives = error is ChildSchemaValidationError child
            ? child.Errors.Values.SelectMany(errors => errors).Select(e => Words(e.Kind)).Distinct().ToList()
            : [];
        return alternatives.Count > 0 ? string.Join(" or ", alternatives) : Words(error.Kind);
    }

    /// <summary>"ObjectExpected" → "object expected".</summary>
    private static string Words(ValidationErrorKind kind)
    {
        var name = kind.ToString();
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
