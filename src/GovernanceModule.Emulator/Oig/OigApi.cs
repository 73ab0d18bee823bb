using System.Collections.Generic;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GovernanceModule.Emulator.Oig;

/// <summary>Oracle Identity Governance Self Service REST, provisioning tasks.</summary>
public sealed class OigApi : IEmulatorApi
{
    public string Name => ApiNames.Oig;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<OigState>();
        services.AddSingleton<IResettableState>(provider => provider.GetRequiredService<OigState>());
        services.AddSingleton<OigDirectory>();
    }

    public void UseMiddleware(IApplicationBuilder app) =>
        app.UseWhen(context => OigPaths.IsOigPath(context.Request.Path), oig =>
        {
            oig.UseMiddleware<OigResponseTimeMiddleware>();
            oig.UseMiddleware<OigAuthenticationMiddleware>();
        });

    public void MapEndpoints(IEndpointRouteBuilder endpoints, IEndpointRouteBuilder admin)
    {
        var oig = endpoints.MapGroup(OigPaths.BasePath);
        oig.MapOigReads();
        oig.MapOigWrites();
        admin.MapOigAdmin();
    }

    /// <summary>OIG documents no error bodies; an opaque small JSON like the emulator's other OIG errors.</summary>
    public ApiErrorBody CreateFaultBody(int status) =>
        new("application/json", OigResponses.Error(null, ReasonPhrases.GetReasonPhrase(status)).ToJsonString(EmulatorJson.Vendor));

    public IEnumerable<string> DescribeCredentials(string serverBaseUrl, EmulatorOptions options)
    {
        yield return $"OIG  {serverBaseUrl}{OigPaths.BasePath}  (HTTP Basic, X-Requested-By on PUT)";
        foreach (var user in options.OigUsers)
        {
            var role = user.CanWrite ? "user" : "read-only user";
            yield return $"OIG  {role} {user.UserName}  password {user.Password}";
        }
    }
}
