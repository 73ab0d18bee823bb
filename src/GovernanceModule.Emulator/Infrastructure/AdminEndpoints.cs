// The test-control surface under /_emulator/ (JSON, camelCase). Requests here are never
// journaled and never hit by faults. Used from xunit and from Pester (Invoke-RestMethod).
//
//   GET    /_emulator/health                 {"status":"ok","apis":["oig",…]}
//   GET    /_emulator/journal[?api=oig]      [{sequence,time,api,method,path,query,headers{},body,
//                                               bodyTruncated,status,outcome}]  (oldest first;
//                                               status 0 = dropped; Authorization is "Basic ***")
//   DELETE /_emulator/journal                204
//   POST   /_emulator/reset                  204  reseed all state, clear journal and faults (options kept)
//   GET    /_emulator/faults                 [FaultRule] still active, with remaining counts
//   POST   /_emulator/faults                 body: one FaultRule → 201 with the stored rule
//            {"api":"oig","method":"PUT","pathPrefix":"/iam/…","status":503,"retryAfterSeconds":2,
//             "count":1,"every":1,"latencyMs":0,"mode":"respond"|"drop-before"|"drop-after",
//             "body":null,"contentType":null}
//            every member optional: null filters match anything, count -1 (default) = forever,
//            every N = only each Nth matching request, status 0 with mode "respond" = latency only,
//            body = answer this text instead of the API's error body (status 200 + HTML = a proxy page)
//   DELETE /_emulator/faults                 204
//   GET    /_emulator/options                the EmulatorOptions object
//   PATCH  /_emulator/options                body: {"oigReverseBulkOrder":false,…} → the new options,
//                                            or 400 {"errors":[…]} and nothing changed
//   GET    /_emulator/oig/tasks/{id}         OIG task internal state (Oig/OigAdminEndpoints.cs):
//            {id,automated,assigneeKey,assignee,assigneeName,status,statusCategory,note,response,
//             projectedEnd,appliedChanges,fields[{name,value}]} or 404
//   GET    /_emulator/nerm/sessions/{id}     NERM session state with appliedChanges and runs (Nerm/NermAdminEndpoints.cs)
//   GET|PUT /_emulator/isc/policies/{source}/{usageType}   the stored ISC policy (Isc/IscAdminEndpoints.cs)
//   GET    /_emulator/isc/tokens             {"accessTokens":[…]} every token issued since start, for secret scans
//   POST   /_emulator/isc/tokens/expire      204: every issued token expires now, to test renewal
//   GET    /_emulator/module/...             the PowerShell module's objects (ModuleEndpoints.cs)
//   GET    /_emulator/deviations             every deliberate deviation from the published specs (DeviationEndpoints.cs)
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Infrastructure;

public static class AdminEndpoints
{
    /// <summary>Maps the shared admin routes and returns the /_emulator group for API-specific ones.</summary>
    public static RouteGroupBuilder MapEmulatorAdmin(this IEndpointRouteBuilder endpoints, IEnumerable<IEmulatorApi> apis)
    {
        var admin = endpoints.MapGroup(ApiNames.AdminPathPrefix);
        var apiNames = apis.Select(a => a.Name).ToArray();

        admin.MapGet("/health", () => Results.Json(new { status = "ok", apis = apiNames }, EmulatorJson.Admin));

        admin.MapGet("/journal", (string? api, RequestJournal journal) => Results.Json(journal.Entries(api), EmulatorJson.Admin));
        admin.MapDelete("/journal", (RequestJournal journal) =>
        {
            journal.Clear();
            return Results.NoContent();
        });

        admin.MapPost("/reset", (EmulatorResetter resetter) =>
        {
            resetter.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Rules, EmulatorJson.Admin));
        admin.MapPost("/faults", AddFaultAsync);
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/options", (EmulatorOptions options) => Results.Json(options, EmulatorJson.Admin));
        admin.MapPatch("/options", PatchOptionsAsync);
        admin.MapModuleEndpoints();

        return admin;
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultInjector faults)
    {
        FaultRule? rule;
        try
        {
            rule = JsonSerializer.Deserialize<FaultRule>(await EmulatorJson.ReadBodyAsync(request), EmulatorJson.Admin);
        }
        catch (JsonException e)
        {
            return Problems(e.Message);
        }
        if (rule is null) return Problems("The body must be a fault rule object.");
        var problems = rule.Validate();
        if (problems.Count > 0) return Problems(problems.ToArray());

        faults.Add(rule);
        return Results.Json(rule, EmulatorJson.Admin, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> PatchOptionsAsync(HttpRequest request, EmulatorOptions options)
    {
        if (!EmulatorJson.TryParse(await EmulatorJson.ReadBodyAsync(request), out var node) || node is not JsonObject patch)
        {
            return Problems("The body must be a JSON object of option names and values.");
        }
        var problems = OptionsPatcher.Apply(options, patch);
        return problems.Count > 0 ? Problems(problems.ToArray()) : Results.Json(options, EmulatorJson.Admin);
    }

    internal static IResult Problems(params string[] errors) =>
        Results.Json(new { errors }, EmulatorJson.Admin, statusCode: StatusCodes.Status400BadRequest);
}
