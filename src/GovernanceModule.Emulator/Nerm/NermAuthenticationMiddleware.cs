using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// Bearer authentication for every NERM path, checked before anything else: a configured NERM API
/// key, or a live access token from the emulator's ISC /oauth/token.
/// </summary>
public sealed class NermAuthenticationMiddleware
{
    private readonly RequestDelegate next;
    private readonly EmulatorOptions options;
    private readonly IscTokenIssuer iscTokens;

    public NermAuthenticationMiddleware(RequestDelegate next, EmulatorOptions options, IscTokenIssuer iscTokens)
    {
        this.next = next;
        this.options = options;
        this.iscTokens = iscTokens;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await EmulatorJson.Result(NermResponses.Error(NermResponses.Unauthorized), StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private bool IsAuthorized(string authorization)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var token = authorization[scheme.Length..].Trim();
        if (token.Length == 0) return false;

        var nerm = options.Nerm;
        var keys = nerm.ApiKeys.Append(nerm.DemoApiKey).Where(k => !string.IsNullOrEmpty(k));
        return keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(token)))
            || iscTokens.Validate(token, out _) is not null;
    }
}
