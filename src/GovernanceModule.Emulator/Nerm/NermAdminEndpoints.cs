using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// <c>GET /_emulator/nerm/sessions/{id}</c>: a session as NERM returns it plus <c>runs</c> (successful
/// <c>run=true</c> updates) and <c>appliedChanges</c>, for tests (see Infrastructure/AdminEndpoints.cs).
/// </summary>
public static class NermAdminEndpoints
{
    public static void MapNermAdmin(this IEndpointRouteBuilder admin) =>
        admin.MapGet("/nerm/sessions/{id}", (string id, NermState state) =>
        {
            var session = state.Find(id);
            if (session is null) return EmulatorJson.Result(NermResponses.Error(NermResponses.NotFound), StatusCodes.Status404NotFound);

            var sessionState = session.State;
            var body = NermResponses.Session(session, sessionState);
            body["runs"] = sessionState.Runs;
            body["appliedChanges"] = sessionState.AppliedChanges;
            return EmulatorJson.Result(body);
        });
}
