using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Oig;

/// <summary>Adds <c>ResponseTime: &lt;elapsed ms&gt;</c> to every 200 on an OIG path.</summary>
public sealed class OigResponseTimeMiddleware
{
    public const string HeaderName = "ResponseTime";

    private readonly RequestDelegate next;

    public OigResponseTimeMiddleware(RequestDelegate next)
    {
        this.next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers[HeaderName] = elapsed.ToString(CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
