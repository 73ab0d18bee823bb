using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// HTTP Basic for every OIG path, checked before anything else: even an
/// unknown route or a malformed body gets 401 first when the credentials are wrong.
/// </summary>
public sealed class OigAuthenticationMiddleware
{
    private readonly RequestDelegate next;
    private readonly EmulatorOptions options;

    public OigAuthenticationMiddleware(RequestDelegate next, EmulatorOptions options)
    {
        this.next = next;
        this.options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var user = Authenticate(context.Request.Headers.Authorization.ToString());
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Basic realm=\"{options.OigRealm}\"";
            return;
        }
        context.Items[typeof(OigUser)] = user;
        await next(context);
    }

    /// <summary>The user authenticated for this request (always set behind this middleware).</summary>
    public static OigUser UserOf(HttpContext context) =>
        context.Items[typeof(OigUser)] as OigUser ?? throw new InvalidOperationException("No authenticated OIG user.");

    private OigUser? Authenticate(string authorization)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return null;
        var userName = decoded[..colon];
        var password = Encoding.UTF8.GetBytes(decoded[(colon + 1)..]);

        // OIG logins are case-insensitive; passwords are not.
        var user = options.OigUsers.Find(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase));
        return user is not null && CryptographicOperations.FixedTimeEquals(password, Encoding.UTF8.GetBytes(user.Password)) ? user : null;
    }
}
