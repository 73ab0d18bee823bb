using System.Collections.Generic;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovernanceModule.Emulator.Isc;

/// <summary>SailPoint Identity Security Cloud: the OAuth token endpoint (contract §4.1, §6 item 31).</summary>
public sealed class IscApi : IEmulatorApi
{
    public string Name => ApiNames.Isc;

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IscTokenIssuer>();
        services.AddSingleton<IResettableState>(provider => provider.GetRequiredService<IscTokenIssuer>());
    }

    public void UseMiddleware(IApplicationBuilder app)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, IEndpointRouteBuilder admin) => endpoints.MapIscToken();

    public ApiErrorBody CreateFaultBody(int status) =>
        new("application/json", "{\"error\":\"injected fault " + status + "\"}");

    public IEnumerable<string> DescribeCredentials(string serverBaseUrl, EmulatorOptions options)
    {
        yield return $"ISC  {serverBaseUrl}  (POST /oauth/token, client_credentials)";
        foreach (var client in options.IscClients)
        {
            yield return $"ISC  client id {client.ClientId}  secret {client.ClientSecret}";
        }
    }
}
