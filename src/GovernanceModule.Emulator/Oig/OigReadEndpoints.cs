using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Oig;

/// <summary><c>GET …/provtasks</c> and <c>GET …/provtasks/{taskid}</c>. GETs need no X-Requested-By.</summary>
public static class OigReadEndpoints
{
    public const int DefaultLimit = 10;

    public static void MapOigReads(this IEndpointRouteBuilder oig)
    {
        oig.MapGet("/provtasks", ListTasks);
        oig.MapGet("/provtasks/{taskid}", GetTask);
    }

    private static IResult GetTask(string taskid, HttpRequest request, OigState state, OigDirectory directory, EmulatorOptions options)
    {
        var task = state.Find(taskid);
        if (task is null) return EmulatorJson.Result(OigResponses.Error(taskid, OigResponses.NotFoundReason), StatusCodes.Status404NotFound);

        var taskState = task.State;
        var view = new OigTaskView(task, taskState, directory.Resolve(taskState.AssigneeKey));
        return EmulatorJson.Result(OigResponses.TaskDetail(OigPaths.BaseUrl(request, options), view));
    }

    /// <summary>The tasks assigned to the authenticated user, filtered by <c>q</c>, paged by 1-based <c>offset</c> and <c>limit</c>.</summary>
    private static IResult ListTasks(HttpContext context, OigState state, OigDirectory directory, EmulatorOptions options)
    {
        var query = context.Request.Query;
        if (!TryReadPositive(query["offset"].ToString(), 1, out var offset) || !TryReadPositive(query["limit"].ToString(), DefaultLimit, out var limit))
        {
            return BadRequest("offset and limit must be positive integers (offset is 1-based).");
        }
        var q = query["q"].ToString();
        OigTaskFilter? filter = null;
        if (q.Length > 0)
        {
            filter = OigTaskFilter.Parse(q, out var error);
            if (filter is null) return BadRequest(error!);
        }

        var user = OigAuthenticationMiddleware.UserOf(context);
        var me = directory.Resolve(user.UserKey);
        var baseUrl = OigPaths.BaseUrl(context.Request, options);
        var page = new List<JsonObject>();
        var hasMore = false;
        var matched = 0;
        foreach (var task in state.AllTasks)
        {
            var taskState = task.State;
            if (taskState.AssigneeKey != user.UserKey) continue;
            var view = new OigTaskView(task, taskState, me);
            if (filter is not null && !filter.Matches(view)) continue;
            if (++matched < offset) continue;
            if (page.Count == limit)
            {
                hasMore = true;
                break;
            }
            page.Add(OigResponses.TaskSummary(baseUrl, view));
        }

        var qPart = q.Length > 0 ? "&q=" + Uri.EscapeDataString(q) : "";
        var pageQuery = $"?offset={offset.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}{qPart}";
        var firstQuery = $"?offset=1&limit={limit.ToString(CultureInfo.InvariantCulture)}{qPart}";
        return EmulatorJson.Result(OigResponses.Page(baseUrl, pageQuery, firstQuery, page, hasMore));
    }

    private static bool TryReadPositive(string text, int defaultValue, out int value)
    {
        if (text.Length == 0)
        {
            value = defaultValue;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }

    private static IResult BadRequest(string reason) => EmulatorJson.Result(OigResponses.Error(null, reason), StatusCodes.Status400BadRequest);
}
