using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// The validated <c>workflow_session</c> member of a PATCH body. Null members were not sent. Unknown
/// members, and <c>id</c>/<c>uid</c>, are ignored.
/// </summary>
public sealed class NermSessionPatch
{
    public const string StatusMember = "status";
    public const string StatusUidMember = "status_uid";

    public string? WorkflowId { get; private init; }

    public string? RequesterId { get; private init; }

    public string? RequesterType { get; private init; }

    public string? ProfileId { get; private init; }

    public IReadOnlyList<string>? ProfileIds { get; private init; }

    /// <summary>The status to store: from <c>status</c>, or from <c>status_uid</c> (see <see cref="NermEmulatorOptions.StatusOnlyThroughStatusUid"/>).</summary>
    public string? Status { get; private init; }

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; private init; } = [];

    /// <summary>Reads the body; returns null and the field errors (NERM's <c>errors</c> object) when it is invalid.</summary>
    public static NermSessionPatch? Parse(JsonNode? body, NermEmulatorOptions options, out JsonObject errors)
    {
        errors = new JsonObject();
        if (body is not JsonObject root || !root.TryGetPropertyValue("workflow_session", out var sessionNode) || sessionNode is null)
        {
            errors["workflow_session"] = "can't be blank";
            return null;
        }
        if (sessionNode is not JsonObject session)
        {
            errors["workflow_session"] = "must be an object";
            return null;
        }

        var workflowId = Uuid(session, "workflow_id", errors);
        var requesterId = Uuid(session, "requester_id", errors);
        var profileId = Uuid(session, "profile_id", errors);
        var requesterType = OneOf(session, "requester_type", NermVocabulary.IsRequesterType, errors);
        var status = OneOf(session, StatusMember, NermVocabulary.IsStatus, errors);
        var statusUid = OneOf(session, StatusUidMember, NermVocabulary.IsStatus, errors);
        var profileIds = UuidList(session, "profile_ids", errors);
        var attributes = ReadAttributes(session, errors);
        if (errors.Count > 0) return null;

        return new NermSessionPatch
        {
            WorkflowId = workflowId,
            RequesterId = requesterId,
            RequesterType = requesterType,
            ProfileId = profileId,
            ProfileIds = profileIds,
            Status = options.StatusOnlyThroughStatusUid ? statusUid : status ?? statusUid,
            Attributes = attributes,
        };
    }

    private static string? Text(JsonObject session, string name, JsonObject errors)
    {
        if (!session.TryGetPropertyValue(name, out var node)) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text.Length > 0) return text;
        }
        errors[name] = node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) ? "can't be blank" : "must be a string";
        return null;
    }

    private static string? Uuid(JsonObject session, string name, JsonObject errors)
    {
        var text = Text(session, name, errors);
        if (text is null || NermVocabulary.IsUuid(text)) return text;
        errors[name] = "is not a valid UUID";
        return null;
    }

    private static string? OneOf(JsonObject session, string name, System.Func<string, bool> isValid, JsonObject errors)
    {
        var text = Text(session, name, errors);
        if (text is null || isValid(text)) return text;
        errors[name] = "is not included in the list";
        return null;
    }

    private static IReadOnlyList<string>? UuidList(JsonObject session, string name, JsonObject errors)
    {
        if (!session.TryGetPropertyValue(name, out var node)) return null;
        if (node is not JsonArray array)
        {
            errors[name] = "must be an array of UUIDs";
            return null;
        }

        var items = array.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null).ToList();
        if (items.Any(item => !NermVocabulary.IsUuid(item)))
        {
            errors[name] = "must be an array of UUIDs";
            return null;
        }
        return items!;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadAttributes(JsonObject session, JsonObject errors)
    {
        if (!session.TryGetPropertyValue("attributes", out var node)) return [];
        if (node is not JsonObject attributes)
        {
            errors["attributes"] = "must be an object";
            return [];
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in attributes)
        {
            if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String) result.Add(new(key, text.GetValue<string>()));
            else errors["attributes." + key] = "must be a string";
        }
        return result;
    }
}
