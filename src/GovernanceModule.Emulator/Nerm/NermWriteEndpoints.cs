using System;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// <c>PATCH /api/workflow_sessions/{id}[?run=true]</c>. Order of checks after the 401 of the
/// middleware: 404 for an unknown id, 400 for a bad run flag, 400 for bad JSON, 400 with field errors, then the change.
/// </summary>
public static class NermWriteEndpoints
{
    public static void MapNermWrites(this IEndpointRouteBuilder nerm) =>
        nerm.MapMethods(NermPaths.Sessions + "/{id}", [HttpMethods.Patch], UpdateSessionAsync);

    private static async Task<IResult> UpdateSessionAsync(string id, HttpContext context, NermState state, EmulatorOptions options)
    {
        var session = state.Find(id);
        if (session is null) return EmulatorJson.Result(NermResponses.Error(NermResponses.NotFound), StatusCodes.Status404NotFound);

        if (!TryReadRun(context.Request.Query["run"].ToString(), out var run))
        {
            return EmulatorJson.Result(NermResponses.ValidationErrors(new() { ["run"] = "must be true or false" }), StatusCodes.Status400BadRequest);
        }

        var body = await EmulatorJson.ReadBodyAsync(context.Request);
        if (!EmulatorJson.TryParse(body, out var node))
        {
            return EmulatorJson.Result(NermResponses.Error(NermResponses.InvalidJson), StatusCodes.Status400BadRequest);
        }

        var nermOptions = options.Nerm;
        var patch = NermSessionPatch.Parse(node, nermOptions, out var errors);
        if (patch is null) return EmulatorJson.Result(NermResponses.ValidationErrors(errors), StatusCodes.Status400BadRequest);

        var updated = session.Apply(patch, run, nermOptions.RunSetsStatus);
        return EmulatorJson.Result(NermResponses.Single(session, updated));
    }

    /// <summary>Absent means false; true and false in any case; anything else is refused.</summary>
    private static bool TryReadRun(string text, out bool run)
    {
        run = false;
        if (text.Length == 0) return true;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) run = true;
        else if (!string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }
}
