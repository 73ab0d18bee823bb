using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Nerm;

/// <summary><c>GET /api/workflow_sessions/{id}</c> and <c>GET /api/workflow_sessions</c>.</summary>
public static class NermReadEndpoints
{
    public const int DefaultLimit = 100;

    private static readonly string[] ExactFilters = ["profile_id", "uid", "workflow_id", "requester_id"];
    private static readonly string[] OrderFields = ["created_at", "id", "uid", "status", "workflow_id", "requester_id"];

    public static void MapNermReads(this IEndpointRouteBuilder nerm)
    {
        nerm.MapGet(NermPaths.Sessions, ListSessions);
        nerm.MapGet(NermPaths.Session, GetSession);
    }

    private static IResult GetSession(string id, NermState state, EmulatorOptions options)
    {
        var session = state.Find(id);
        return session is null
            ? NermResponses.UnknownSession(options)
            : EmulatorJson.Result(NermResponses.Single(session, session.State));
    }

    private static IResult ListSessions(HttpRequest request, NermState state)
    {
        var query = request.Query;
        var errors = new JsonObject();
        var limit = ReadInt(query["limit"].ToString(), DefaultLimit, 1, "limit", errors);
        var offset = ReadInt(query["offset"].ToString(), 0, 0, "offset", errors);
        var metadata = ReadBool(query["metadata"].ToString(), "metadata", errors);
        var order = query["order"].ToString();
        if (order.Length > 0 && !OrderFields.Contains(order)) errors["order"] = "is not a field sessions can be ordered by";
        var statusFilter = query["status"].ToString();
        if (statusFilter.Length > 0 && !NermVocabulary.IsFilterStatus(statusFilter)) errors["status"] = "is not included in the list";
        if (errors.Count > 0) return EmulatorJson.Result(NermResponses.ValidationErrors(errors), StatusCodes.Status400BadRequest);

        var filters = ExactFilters.Select(name => (Name: name, Value: query[name].ToString())).Where(f => f.Value.Length > 0).ToList();
        var status = statusFilter.Length > 0 ? NermVocabulary.FilterToStatus(statusFilter) : null;
        var matches = state.AllSessions
            .Select(session => (Session: session, State: session.State))
            .Where(s => status is null || s.State.Status == status)
            .Where(s => filters.All(f => string.Equals(FieldOf(s.Session, s.State, f.Name), f.Value, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (order.Length > 0 && order != "created_at")
        {
            matches = matches.OrderBy(s => FieldOf(s.Session, s.State, order), StringComparer.Ordinal).ThenBy(s => s.Session.CreatedOrder).ToList();
        }

        var page = matches.Skip(offset).Take(limit).Select(s => NermResponses.Session(s.Session, s.State));
        var meta = metadata ? Metadata(request, limit, offset, matches.Count) : null;
        return EmulatorJson.Result(NermResponses.List(page, meta));
    }

    private static string? FieldOf(NermSession session, NermSessionState state, string name) => name switch
    {
        "id" => session.Id,
        "uid" => session.Uid,
        "status" => state.Status,
        "workflow_id" => state.WorkflowId,
        "requester_id" => state.RequesterId,
        "profile_id" => state.ProfileId,
        _ => null,
    };

    /// <summary><c>_metadata</c>; next and previous are relative paths with the same filters, left out at the ends.</summary>
    private static JsonObject Metadata(HttpRequest request, int limit, int offset, int total)
    {
        var metadata = new JsonObject { ["limit"] = limit, ["offset"] = offset, ["total"] = total };
        if (offset + limit < total) metadata["next"] = PagePath(request, limit, offset + limit);
        if (offset > 0) metadata["previous"] = PagePath(request, limit, Math.Max(0, offset - limit));
        return metadata;
    }

    private static string PagePath(HttpRequest request, int limit, int offset)
    {
        var path = new StringBuilder(NermPaths.BasePath + NermPaths.Sessions);
        path.Append("?limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        path.Append("&offset=").Append(offset.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in request.Query.Where(q => q.Key is not "limit" and not "offset"))
        {
            path.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value.ToString()));
        }
        return path.ToString();
    }

    private static int ReadInt(string text, int defaultValue, int minimum, string name, JsonObject errors)
    {
        if (text.Length == 0) return defaultValue;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum) return value;
        errors[name] = minimum == 0 ? "must be a whole number, 0 or more" : "must be a whole number, " + minimum.ToString(CultureInfo.InvariantCulture) + " or more";
        return defaultValue;
    }

    private static bool ReadBool(string text, string name, JsonObject errors)
    {
        if (text.Length == 0 || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
        errors[name] = "must be true or false";
        return false;
    }
}
