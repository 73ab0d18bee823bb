using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>The JSON shapes of NERM answers, member order as in the seed.</summary>
public static class NermResponses
{
    public const string NotFound = "The requested Workflow Session was not found";
    public const string InvalidJson = "Invalid JSON syntax. Please check your syntax and try again.";
    public const string ValidationFailed = "The workflow session failed to create/update";
    public const string ServerError = "Sorry something went wrong";
    public const string Unauthorized = "You must provide a valid API token or access token to use this API.";

    public static JsonObject Error(string message) => new() { ["error"] = message };

    /// <summary>An unknown session id: 404 (deviation <see cref="Deviations.NermUnknownId404"/>), under Strict the spec's 400.</summary>
    public static IResult UnknownSession(EmulatorOptions options) =>
        EmulatorJson.Result(Error(NotFound), options.Strict ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound);

    public static JsonObject ValidationErrors(JsonObject errors) => new() { ["error"] = ValidationFailed, ["errors"] = errors };

    public static JsonObject Single(NermSession session, NermSessionState state) => new() { ["workflow_session"] = Session(session, state) };

    /// <summary>A session as NERM returns it; a profile_id the session does not have is left out rather than sent as null.</summary>
    public static JsonObject Session(NermSession session, NermSessionState state)
    {
        var body = new JsonObject
        {
            ["id"] = session.Id,
            ["uid"] = session.Uid,
            ["workflow_id"] = state.WorkflowId,
            ["requester_id"] = state.RequesterId,
            ["requester_type"] = state.RequesterType,
        };
        if (state.ProfileId is not null) body["profile_id"] = state.ProfileId;
        body["profile_ids"] = EmulatorJson.Array(state.ProfileIds.Select(id => (JsonNode)JsonValue.Create(id)));
        body["status"] = state.Status;
        var attributes = new JsonObject();
        foreach (var (key, value) in state.Attributes) attributes[key] = value;
        body["attributes"] = attributes;
        return body;
    }

    public static JsonObject List(IEnumerable<JsonObject> sessions, JsonObject? metadata)
    {
        var body = new JsonObject { ["workflow_sessions"] = EmulatorJson.Array(sessions) };
        if (metadata is not null) body["_metadata"] = metadata;
        return body;
    }
}
