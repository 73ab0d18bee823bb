using System.Collections.Generic;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>SailPoint NERM (Lifecycle API), workflow sessions. No rate limit.</summary>
public sealed class NermApi : IEmulatorApi
{
    public string Name => ApiNames.Nerm;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<NermState>();
        services.AddSingleton<IResettableState>(provider => provider.GetRequiredService<NermState>());
    }

    public void UseMiddleware(IApplicationBuilder app) =>
        app.UseWhen(context => NermPaths.IsNermPath(context.Request.Path), nerm => nerm.UseMiddleware<NermAuthenticationMiddleware>());

    public void MapEndpoints(IEndpointRouteBuilder endpoints, IEndpointRouteBuilder admin)
    {
        var nerm = endpoints.MapGroup(NermPaths.BasePath);
        nerm.MapNermReads();
        nerm.MapNermWrites();
        admin.MapNermAdmin();
    }

    /// <summary>NERM's <c>{"error":…}</c>; a 500 carries the documented text.</summary>
    public ApiErrorBody CreateFaultBody(int status)
    {
        var message = status == 500 ? NermResponses.ServerError : ReasonPhrases.GetReasonPhrase(status);
        return new("application/json", NermResponses.Error(message).ToJsonString(EmulatorJson.Vendor));
    }

    public IEnumerable<string> DescribeCredentials(string serverBaseUrl, EmulatorOptions options)
    {
        yield return $"NERM {serverBaseUrl}{NermPaths.BasePath}  (Bearer: a NERM API key, or an ISC access token from /oauth/token)";
        if (!string.IsNullOrEmpty(options.Nerm.DemoApiKey)) yield return $"NERM API key {options.Nerm.DemoApiKey}";
    }
}
