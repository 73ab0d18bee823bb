using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// Test routes for ISC policies, outside the vendor paths, never rate limited or journaled:
/// <c>GET /_emulator/isc/policies/{sourceId}/{usageType}</c> (the stored document or 404) and
/// <c>PUT</c> the same (stores the body as it is: a "someone else changed it" for concurrency tests), and
/// <c>GET /_emulator/isc/tokens</c>: {"accessTokens":[…]}, every access token issued since the emulator started
/// (resets included), so that a test can scan what the client showed for them; <c>POST /_emulator/isc/tokens/expire</c>
/// makes every issued token expire now (204), for tests of the client's renewal after a 401.
/// </summary>
public static class IscAdminEndpoints
{
    public static void MapIscAdmin(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/isc/tokens", (IscTokenIssuer issuer) => Results.Json(new { accessTokens = issuer.EverIssued }, EmulatorJson.Admin));
        admin.MapPost("/isc/tokens/expire", (IscTokenIssuer issuer) =>
        {
            issuer.ExpireAll();
            return Results.NoContent();
        });

        admin.MapGet("/isc/policies/{sourceId}/{usageType}", (string sourceId, string usageType, IscPolicyStore store) =>
            store.Get(sourceId, usageType) is { } policy ? EmulatorJson.Result(policy) : Results.NotFound());

        admin.MapPut("/isc/policies/{sourceId}/{usageType}", async (string sourceId, string usageType, HttpRequest request, IscPolicyStore store) =>
        {
            if (!EmulatorJson.TryParse(await EmulatorJson.ReadBodyAsync(request), out var node) || node is not JsonObject policy)
            {
                return Results.Json(new { errors = new[] { "The body must be a JSON object." } }, EmulatorJson.Admin, statusCode: StatusCodes.Status400BadRequest);
            }

            store.Put(sourceId, usageType, policy);
            return Results.NoContent();
        });
    }
}
