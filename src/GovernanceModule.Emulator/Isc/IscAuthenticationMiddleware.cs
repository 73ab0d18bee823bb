using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// Bearer tokens on every versioned ISC path, checked before anything else, then the rate limit
/// per client id and API version. The token endpoint is not behind it.
/// </summary>
public sealed class IscAuthenticationMiddleware
{
    private readonly RequestDelegate next;
    private readonly IscTokenIssuer issuer;
    private readonly IscRateLimiter limiter;

    public IscAuthenticationMiddleware(RequestDelegate next, IscTokenIssuer issuer, IscRateLimiter limiter)
    {
        this.next = next;
        this.issuer = issuer;
        this.limiter = limiter;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        const string scheme = "Bearer ";
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, "JWT validation failed: no bearer token in the Authorization header");
            return;
        }

        var token = issuer.Validate(authorization[scheme.Length..].Trim(), out var expired);
        if (token is null)
        {
            await RefuseAsync(context, expired ? IscErrors.ExpiredText : "JWT validation failed: the token is not valid");
            return;
        }

        var retryAfter = limiter.TryAcquire(token.Client.ClientId, IscPaths.VersionOf(context.Request.Path)!, DateTimeOffset.UtcNow);
        if (retryAfter is { } seconds)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await EmulatorJson.Result(new JsonObject { ["message"] = IscErrors.RateLimitMessage }, StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }

        context.Items[typeof(IscClient)] = token.Client;
        await next(context);
    }

    /// <summary>The OAuth client of this request's token (always set behind this middleware).</summary>
    public static IscClient ClientOf(HttpContext context) =>
        context.Items[typeof(IscClient)] as IscClient ?? throw new InvalidOperationException("No authenticated ISC client.");

    private static Task RefuseAsync(HttpContext context, string error) =>
        EmulatorJson.Result(new JsonObject { ["error"] = error }, StatusCodes.Status401Unauthorized).ExecuteAsync(context);
}
