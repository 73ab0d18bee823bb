using System.Collections.Generic;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Oig;

/// <summary>The JSON shapes of OIG answers, member order as in Oracle's examples.</summary>
public static class OigResponses
{
    public const string Success = "SUCCESS";
    public const string Ok = "OK";
    public const string Fail = "FAIL";
    public const string NotFoundReason = "Requested entity not found";

    /// <summary>Error body for 4xx/5xx answers. OIG documents none; clients treat it as opaque.</summary>
    public static JsonObject Error(string? taskId, string reason)
    {
        var body = new JsonObject();
        if (taskId is not null) body["id"] = taskId;
        body["status"] = Fail;
        body["reason"] = reason;
        return body;
    }

    /// <summary>The answer of a single-task PUT: <c>{links, id, status[, reason][, assignee]}</c>.</summary>
    public static JsonObject TaskResult(
        string baseUrl, string taskId, string status, string? reason = null, string? assigneeLinkKey = null, string? assigneeName = null)
    {
        var links = new JsonArray { EmulatorJson.Link("self", OigPaths.TaskHref(baseUrl, taskId)) };
        if (assigneeLinkKey is not null) links.Add(EmulatorJson.Link("assignee", OigPaths.UserHref(baseUrl, assigneeLinkKey)));

        var body = new JsonObject { ["links"] = links, ["id"] = taskId, ["status"] = status };
        if (reason is not null) body["reason"] = reason;
        if (assigneeName is not null) body["assignee"] = assigneeName;
        return body;
    }

    /// <summary>One entry of a bulk answer: <c>{links, id, status[, requestId][, action][, reason]}</c>.</summary>
    public static JsonObject BulkEntry(string baseUrl, string taskId, string status, string? requestId, string? action, string? reason)
    {
        var body = new JsonObject
        {
            ["links"] = new JsonArray { EmulatorJson.Link("self", OigPaths.TaskHref(baseUrl, taskId)) },
            ["id"] = taskId,
            ["status"] = status,
        };
        if (requestId is not null) body["requestId"] = requestId;
        if (action is not null) body["action"] = action;
        if (reason is not null) body["reason"] = reason;
        return body;
    }

    public static JsonObject Bulk(string baseUrl, IEnumerable<JsonObject> entries) => new()
    {
        ["links"] = new JsonArray { EmulatorJson.Link("self", OigPaths.TasksHref(baseUrl)) },
        ["tasks"] = EmulatorJson.Array(entries),
    };

    /// <summary>GET …/provtasks/{id}: <c>{links, id, fields, formFields}</c>.</summary>
    public static JsonObject TaskDetail(string baseUrl, OigTaskView view) => new()
    {
        ["links"] = new JsonArray { EmulatorJson.Link("self", OigPaths.TaskHref(baseUrl, view.Task.Id)) },
        ["id"] = view.Task.Id,
        ["fields"] = OigTaskFields.ToJson(view),
        ["formFields"] = new JsonArray(),
    };

    /// <summary>One task of a GET …/provtasks page: <c>{links, id, fields}</c>.</summary>
    public static JsonObject TaskSummary(string baseUrl, OigTaskView view) => new()
    {
        ["links"] = new JsonArray { EmulatorJson.Link("self", OigPaths.TaskHref(baseUrl, view.Task.Id)) },
        ["id"] = view.Task.Id,
        ["fields"] = OigTaskFields.ToJson(view),
    };

    /// <summary>A GET …/provtasks page; <paramref name="pageQuery"/> and <paramref name="firstQuery"/> start with '?'.</summary>
    public static JsonObject Page(string baseUrl, string pageQuery, string firstQuery, IReadOnlyList<JsonObject> tasks, bool hasMore) => new()
    {
        ["links"] = new JsonArray
        {
            EmulatorJson.Link("self", OigPaths.TasksHref(baseUrl)),
            EmulatorJson.Link("self", OigPaths.TasksHref(baseUrl) + pageQuery),
            EmulatorJson.Link("first", OigPaths.TasksHref(baseUrl) + firstQuery),
        },
        ["count"] = tasks.Count,
        ["hasMore"] = hasMore,
        ["totalResult"] = -1,
        ["tasks"] = EmulatorJson.Array(tasks),
    };
}
