using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Isc;

/// <summary>POST /oauth/token, client_credentials only.</summary>
public static class IscTokenEndpoint
{
    public const string Path = "/oauth/token";

    public static void MapIscToken(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, (Delegate)IssueAsync);

    private static async Task<IResult> IssueAsync(HttpContext context, EmulatorOptions options, IscTokenIssuer issuer)
    {
        var parameters = await ReadParametersAsync(context.Request);
        parameters.TryGetValue("grant_type", out var grant);
        if (grant != "client_credentials")
        {
            return Results.Json(new JsonObject { ["error"] = "unsupported_grant_type" }, EmulatorJson.Vendor, statusCode: StatusCodes.Status400BadRequest);
        }

        parameters.TryGetValue("client_id", out var clientId);
        parameters.TryGetValue("client_secret", out var secret);
        var client = options.IscClients.FirstOrDefault(c => c.ClientId == clientId);
        if (client is null || secret is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, EmulatorJson.Vendor, statusCode: StatusCodes.Status401Unauthorized);
        }

        var token = issuer.Issue(client);
        var body = new JsonObject
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "bearer",
            ["expires_in"] = options.IscTokenLifetimeSeconds,
            ["scope"] = "read write",
            ["tenant_id"] = "58eb06a4-dcd7-4e96-8fac-cca2afc03e61",
            ["internal"] = false,
            ["pod"] = "emulator",
            ["strong_auth_supported"] = false,
            ["org"] = "emulator",
            ["strong_auth"] = true,
            ["enabled"] = true,
            ["jti"] = token.Jti,
        };
        if (client.IsPersonalAccessToken)
        {
            body["identity_id"] = "ff80818155fe8c080155fe8d925b0316";
            body["user_id"] = "595826";
        }

        return Results.Json(body, EmulatorJson.Vendor);
    }

    /// <summary>Form body (urlencoded or multipart, as SailPoint's own SDK sends it) or, failing that, the query string.</summary>
    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in request.Query)
        {
            result[pair.Key] = pair.Value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var pair in form)
            {
                result[pair.Key] = pair.Value.ToString();
            }
        }

        return result;
    }
}
