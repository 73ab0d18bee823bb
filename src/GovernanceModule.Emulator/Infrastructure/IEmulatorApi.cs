using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// One emulated vendor API (OIG, later NERM and ISC). Each lives in its own folder and is
/// listed once in <see cref="EmulatorHost"/>.
/// </summary>
public interface IEmulatorApi
{
    /// <summary>The journal/fault name, one of <see cref="ApiNames"/>.</summary>
    string Name { get; }

    /// <summary>Registers the API's state; state implementing <see cref="IResettableState"/> is reset by /_emulator/reset.</summary>
    void AddServices(IServiceCollection services);

    /// <summary>Adds middleware that must run before the endpoints (e.g. authentication on the API's paths).</summary>
    void UseMiddleware(IApplicationBuilder app);

    /// <summary>Maps the vendor endpoints, and the API's own test routes on <paramref name="admin"/> (/_emulator).</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints, IEndpointRouteBuilder admin);

    /// <summary>The body of an injected fault status in this vendor's error shape.</summary>
    ApiErrorBody CreateFaultBody(int status);

    /// <summary>Lines printed at startup: base URL and demo credentials.</summary>
    IEnumerable<string> DescribeCredentials(string serverBaseUrl, EmulatorOptions options);
}

/// <summary>A response body with its content type.</summary>
public sealed record ApiErrorBody(string ContentType, string Content);

/// <summary>State that <c>POST /_emulator/reset</c> and <see cref="EmulatorHost.Reset"/> reseed.</summary>
public interface IResettableState
{
    void Reset();
}
