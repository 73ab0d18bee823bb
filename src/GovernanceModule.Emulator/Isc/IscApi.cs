using System.Collections.Generic;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// SailPoint Identity Security Cloud: the OAuth token endpoint and the provisioning
/// policies of sources under /v3, /beta, /v2024, /v2025 and /v2026.
/// </summary>
public sealed class IscApi : IEmulatorApi
{
    public string Name => ApiNames.Isc;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IscTokenIssuer>();
        services.AddSingleton<IResettableState>(provider => provider.GetRequiredService<IscTokenIssuer>());
        services.AddSingleton<IscPolicyStore>();
        services.AddSingleton<IResettableState>(provider => provider.GetRequiredService<IscPolicyStore>());
        services.AddSingleton<IscRateLimiter>();
        services.AddSingleton<IResettableState>(provider => provider.GetRequiredService<IscRateLimiter>());
    }

    public void UseMiddleware(IApplicationBuilder app) =>
        app.UseWhen(context => IscPaths.IsApiPath(context.Request.Path), isc => isc.UseMiddleware<IscAuthenticationMiddleware>());

    public void MapEndpoints(IEndpointRouteBuilder endpoints, IEndpointRouteBuilder admin)
    {
        endpoints.MapIscToken();
        endpoints.MapIscPolicies();
        admin.MapIscAdmin();
    }

    /// <summary>Injected faults in ISC's envelopes: ErrorResponseDto, 401 {error}, 429 {message}.</summary>
    public ApiErrorBody CreateFaultBody(int status) =>
        new("application/json", IscErrors.ForStatus(status).ToJsonString(EmulatorJson.Vendor));

    public IEnumerable<string> DescribeCredentials(string serverBaseUrl, EmulatorOptions options)
    {
        yield return $"ISC  {serverBaseUrl}  (POST /oauth/token, client_credentials; provisioning policies under /v3)";
        foreach (var client in options.IscClients)
        {
            yield return $"ISC  client id {client.ClientId}  secret {client.ClientSecret}";
        }

        yield return $"ISC  source {IscSeedData.ExampleSourceId} (CREATE, UPDATE, DISABLE), source {IscSeedData.SecondSourceId}";
    }
}
