using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// <c>GET /_emulator/deviations</c>: <see cref="Deviations.All"/>, each as {name, api, differs, reason, strictTurnsOff,
/// undocumentedStatus, operations, active}, where active says whether it shows with the current options.
/// </summary>
public static class DeviationEndpoints
{
    public static void MapDeviations(this IEndpointRouteBuilder admin) =>
        admin.MapGet("/deviations", (EmulatorOptions options) => Results.Json(
            Deviations.All.Select(d => new { d.Name, d.Api, d.Differs, d.Reason, d.StrictTurnsOff, d.UndocumentedStatus, d.Operations, Active = d.IsActive(options) }),
            EmulatorJson.Admin));
}
