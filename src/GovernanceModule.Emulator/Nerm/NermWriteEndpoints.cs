using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// <c>PATCH /api/workflow_sessions/{id}[?run=true]</c> and <c>POST /api/workflow_sessions[?run=true]</c>. Order of
/// checks after the 401 of the middleware: unknown id (PATCH), a bad run flag, bad JSON, field errors of the request,
/// then field errors of the result against the answer's schema (<see cref="NermSessionValidator"/>), then the change.
/// </summary>
public static class NermWriteEndpoints
{
    /// <summary>The members POST requires, as its request schema lists them.</summary>
    private static readonly string[] CreateRequires = ["workflow_id", "requester_id", "requester_type"];

    public static void MapNermWrites(this IEndpointRouteBuilder nerm)
    {
        nerm.MapMethods(NermPaths.Session, [HttpMethods.Patch], UpdateSessionAsync);
        nerm.MapPost(NermPaths.Sessions, CreateSessionAsync);
    }

    private static async Task<IResult> UpdateSessionAsync(string id, HttpContext context, NermState state, EmulatorOptions options)
    {
        var session = state.Find(id);
        if (session is null) return NermResponses.UnknownSession(options);

        var (patch, run, refusal) = await ReadAsync(context, options);
        if (refusal is not null) return refusal;

        var updated = session.Apply(patch!, run, options.Nerm.RunSetsStatus, candidate => NermSessionValidator.Problems(session, candidate, HttpMethods.Patch, NermPaths.Session, options), out var problems);
        return updated is null ? Invalid(problems) : EmulatorJson.Result(NermResponses.Single(session, updated));
    }

    /// <summary>A new session in status "new" (or the run status), with the members given.</summary>
    private static async Task<IResult> CreateSessionAsync(HttpContext context, NermState state, EmulatorOptions options)
    {
        var (patch, run, refusal) = await ReadAsync(context, options);
        if (refusal is not null) return refusal;

        var missing = new JsonObject();
        foreach (var member in CreateRequires)
        {
            if (MemberOf(patch!, member) is null) missing[member] = "can't be blank";
        }

        if (missing.Count > 0) return Invalid(missing);

        var status = run && options.Nerm.RunSetsStatus is { } runStatus ? runStatus : patch!.Status ?? "new";
        var session = state.New(new NermSessionState(
            patch!.WorkflowId!, patch.RequesterId!, patch.RequesterType!, patch.ProfileId, patch.ProfileIds ?? [], status, patch.Attributes, Runs: run ? 1 : 0, AppliedChanges: 0));
        var problems = NermSessionValidator.Problems(session, session.State, HttpMethods.Post, NermPaths.Sessions, options);
        if (problems.Count > 0) return Invalid(problems);

        state.Add(session);
        return EmulatorJson.Result(NermResponses.Single(session, session.State));
    }

    /// <summary>The run flag and the validated body, or the 400 that refuses them.</summary>
    private static async Task<(NermSessionPatch? Patch, bool Run, IResult? Refusal)> ReadAsync(HttpContext context, EmulatorOptions options)
    {
        if (!TryReadRun(context.Request.Query["run"].ToString(), out var run))
        {
            return (null, false, Invalid(new JsonObject { ["run"] = "must be true or false" }));
        }

        if (!EmulatorJson.TryParse(await EmulatorJson.ReadBodyAsync(context.Request), out var node))
        {
            return (null, run, EmulatorJson.Result(NermResponses.Error(NermResponses.InvalidJson), StatusCodes.Status400BadRequest));
        }

        var patch = NermSessionPatch.Parse(node, options.Nerm, out var errors);
        return patch is null ? (null, run, Invalid(errors)) : (patch, run, null);
    }

    private static string? MemberOf(NermSessionPatch patch, string member) => member switch
    {
        "workflow_id" => patch.WorkflowId,
        "requester_id" => patch.RequesterId,
        "requester_type" => patch.RequesterType,
        _ => throw new ArgumentOutOfRangeException(nameof(member)),
    };

    private static IResult Invalid(JsonObject errors) => EmulatorJson.Result(NermResponses.ValidationErrors(errors), StatusCodes.Status400BadRequest);

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
