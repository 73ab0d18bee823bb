using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// <c>PUT …/provtasks/{taskid}</c> and <c>PUT …/provtasks</c>.
/// Order of checks: 401 (middleware), X-Requested-By 400, 403, 415, then 404 (single task), then the body.
/// </summary>
public static class OigWriteEndpoints
{
    public static void MapOigWrites(this IEndpointRouteBuilder oig)
    {
        oig.MapPut("/provtasks/{taskid}", UpdateTaskAsync);
        oig.MapPut("/provtasks", UpdateTasksAsync);
    }

    private static async Task<IResult> UpdateTaskAsync(string taskid, HttpContext context, OigState state, OigDirectory directory, EmulatorOptions options)
    {
        if (OigWriteGuard.Check(context, options) is { } rejection) return rejection;

        var task = state.Find(taskid);
        if (task is null) return EmulatorJson.Result(OigResponses.Error(taskid, OigResponses.NotFoundReason), StatusCodes.Status404NotFound);

        var body = await EmulatorJson.ReadBodyAsync(context.Request);
        if (!EmulatorJson.TryParse(body, out var node) || node is not JsonObject request)
        {
            return InvalidInput(options, taskid, "The body must be a JSON object.");
        }
        var command = OigCommandParser.Parse(request, out var error);
        if (command is null) return InvalidInput(options, taskid, error!);

        var user = OigAuthenticationMiddleware.UserOf(context);
        var outcome = task.Apply(command, user.UserName.ToUpperInvariant());
        var baseUrl = OigPaths.BaseUrl(context.Request, options);
        JsonObject answer;
        if (!outcome.Success)
        {
            // A failed single-task action is answered like a bulk entry, 200 + FAIL.
            answer = OigResponses.TaskResult(baseUrl, task.Id, OigResponses.Fail, reason: outcome.Reason);
        }
        else if (command.Action == OigAction.UpdateFields)
        {
            var assignee = directory.Resolve(task.State.AssigneeKey);
            answer = OigResponses.TaskResult(baseUrl, task.Id, OigResponses.Ok, assigneeName: assignee.DisplayName);
        }
        else
        {
            var linkAssignee = command.Action == OigAction.Reassign && options.OigAssigneeLink ? command.Assignee : null;
            answer = OigResponses.TaskResult(baseUrl, task.Id, OigResponses.Success, assigneeLinkKey: linkAssignee);
        }
        return EmulatorJson.Result(answer);
    }

    private static async Task<IResult> UpdateTasksAsync(HttpContext context, OigState state, EmulatorOptions options)
    {
        if (OigWriteGuard.Check(context, options) is { } rejection) return rejection;

        var body = await EmulatorJson.ReadBodyAsync(context.Request);
        if (!EmulatorJson.TryParse(body, out var node) || node is not JsonObject request || request["tasks"] is not JsonArray entries)
        {
            return InvalidInput(options, null, "The body must be a JSON object with a 'tasks' array.");
        }
        foreach (var entry in entries)
        {
            if (entry is not JsonObject) return InvalidInput(options, null, "Every entry of 'tasks' must be an object.");
        }

        var actingLogin = OigAuthenticationMiddleware.UserOf(context).UserName.ToUpperInvariant();
        var baseUrl = OigPaths.BaseUrl(context.Request, options);
        var results = new List<JsonObject>(entries.Count);
        foreach (var entry in entries)
        {
            results.Add(UpdateOne((JsonObject)entry!, state, actingLogin, baseUrl));
        }
        if (options.OigReverseBulkOrder) results.Reverse();
        return EmulatorJson.Result(OigResponses.Bulk(baseUrl, results));
    }

    /// <summary>One bulk entry, on its own: a failure here never affects another entry.</summary>
    private static JsonObject UpdateOne(JsonObject entry, OigState state, string actingLogin, string baseUrl)
    {
        // Keyed on id; taskId only when id is absent.
        var id = OigCommandParser.ScalarText(entry["id"]);
        if (string.IsNullOrEmpty(id)) id = OigCommandParser.ScalarText(entry["taskId"]) ?? "";
        var requestId = OigCommandParser.ScalarText(entry["requestId"]);
        var action = OigCommandParser.ActionOf(entry);

        JsonObject Result(string status, string? reason = null) => OigResponses.BulkEntry(baseUrl, id, status, requestId, action, reason);

        if (id.Length == 0) return Result(OigResponses.Fail, "The task id is missing.");
        var task = state.Find(id);
        if (task is null) return Result(OigResponses.Fail, OigResponses.NotFoundReason);
        var command = OigCommandParser.Parse(entry, out var error);
        if (command is null) return Result(OigResponses.Fail, error);

        var outcome = task.Apply(command, actingLogin);
        return outcome.Success ? Result(OigResponses.Success) : Result(OigResponses.Fail, outcome.Reason);
    }

    /// <summary>400 by default, or the configured status (500) to mimic servers that fail on unchecked input.</summary>
    private static IResult InvalidInput(EmulatorOptions options, string? taskId, string reason) =>
        EmulatorJson.Result(OigResponses.Error(taskId, reason), options.OigInvalidInputStatus);
}
