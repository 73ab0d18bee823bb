using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Oig;

/// <summary><c>GET /_emulator/oig/tasks/{id}</c>: a task's internal state, for tests (see Infrastructure/AdminEndpoints.cs).</summary>
public static class OigAdminEndpoints
{
    public static void MapOigAdmin(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/oig/tasks/{id}", (string id, OigState state, OigDirectory directory) =>
        {
            var task = state.Find(id);
            if (task is null) return EmulatorJson.Result(OigResponses.Error(id, OigResponses.NotFoundReason), StatusCodes.Status404NotFound);

            var taskState = task.State;
            var assignee = directory.Resolve(taskState.AssigneeKey);
            var body = new JsonObject
            {
                ["id"] = task.Id,
                ["automated"] = task.IsAutomated,
                ["assigneeKey"] = taskState.AssigneeKey,
                ["assignee"] = assignee.Login,
                ["assigneeName"] = assignee.DisplayName,
                ["status"] = taskState.Status,
                ["statusCategory"] = OigTaskStatus.CategoryOf(taskState.Status),
                ["note"] = taskState.Note,
                ["response"] = taskState.Response,
                ["projectedEnd"] = taskState.ProjectedEnd,
                ["updatedBy"] = taskState.UpdatedBy,
                ["appliedChanges"] = taskState.AppliedChanges,
                ["fields"] = OigTaskFields.ToJson(new OigTaskView(task, taskState, assignee)),
            };
            return EmulatorJson.Result(body);
        });
    }
}
