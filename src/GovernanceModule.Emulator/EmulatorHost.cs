using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Oig;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GovernanceModule.Emulator;

/// <summary>
/// The emulator, in process: tests and the benchmark start it on 127.0.0.1:0 and read the port.
/// <see cref="CreateApplication"/> is also what <c>Program.cs</c> runs.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The vendor APIs served. The one place to plug one in (NERM and ISC go here).</summary>
    private static IEmulatorApi[] CreateApis() =>
    [
        new OigApi(),
        new IscApi(),
        new Nerm.NermApi(),
    ];

    private readonly WebApplication app;

    private EmulatorHost(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
        OigBaseUri = new Uri(baseUri, OigPaths.BasePath.TrimStart('/') + "/");
        Options = app.Services.GetRequiredService<EmulatorOptions>();
        Journal = app.Services.GetRequiredService<RequestJournal>();
        Faults = app.Services.GetRequiredService<FaultInjector>();
    }

    /// <summary>"http://127.0.0.1:PORT/" with the bound port.</summary>
    public Uri BaseUri { get; }

    /// <summary><see cref="BaseUri"/> + "iam/governance/selfservice/api/v1/".</summary>
    public Uri OigBaseUri { get; }

    /// <summary>The live settings, read per request: change them at any time.</summary>
    public EmulatorOptions Options { get; }

    public RequestJournal Journal { get; }

    public FaultInjector Faults { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, string url = "http://127.0.0.1:0")
    {
        var app = CreateApplication(["--urls", url], options ?? new EmulatorOptions());
        await app.StartAsync();
        return new EmulatorHost(app, new Uri(GetListeningAddress(app) + "/"));
    }

    /// <summary>Reseeds all state and clears the journal and the faults; options are kept.</summary>
    public void Reset() => app.Services.GetRequiredService<EmulatorResetter>().Reset();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// Builds the emulator application from command-line style arguments (<c>--urls …</c>,
    /// <c>--Emulator:OigGeneratedTasks 100000</c>, <c>--exit-when-stdin-closes true</c> for a child process:
    /// see <see cref="ChildProcessLifetime"/>). Without <paramref name="options"/>, options are
    /// read from the "Emulator" configuration section over the defaults.
    /// </summary>
    public static WebApplication CreateApplication(string[] args, EmulatorOptions? options = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (builder.Configuration.GetValue<bool>(ChildProcessLifetime.ConfigurationKey))
        {
            builder.Services.AddSingleton<IHostLifetime, ChildProcessLifetime>();
        }

        options ??= ReadOptions(builder.Configuration);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid emulator options: " + string.Join(" ", problems), nameof(options));

        // The published schemas are read once per process, here, so that no request pays for it.
        IscPolicyValidator.Prepare();
        Nerm.NermSessionValidator.Prepare();

        var apis = CreateApis();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<RequestJournal>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<EmulatorResetter>();
        foreach (var api in apis)
        {
            builder.Services.AddSingleton(api);
            api.AddServices(builder.Services);
        }

        var app = builder.Build();
        app.UseMiddleware<JournalMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        foreach (var api in apis) api.UseMiddleware(app);

        var admin = app.MapEmulatorAdmin(apis);
        admin.MapDeviations();
        foreach (var api in apis) api.MapEndpoints(app, admin);

        // Seed every API's state before the first request.
        app.Services.GetRequiredService<EmulatorResetter>().Reset();
        return app;
    }

    /// <summary>The first address the started server listens on, e.g. "http://127.0.0.1:5080", with the real port.</summary>
    public static string GetListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The emulator is not listening.");
        return address.TrimEnd('/');
    }

    /// <summary>The startup lines of each API: base URL and demo credentials.</summary>
    public static IEnumerable<string> DescribeCredentials(WebApplication app, string serverBaseUrl)
    {
        var options = app.Services.GetRequiredService<EmulatorOptions>();
        return app.Services.GetServices<IEmulatorApi>().SelectMany(api => api.DescribeCredentials(serverBaseUrl, options));
    }

    private static EmulatorOptions ReadOptions(IConfiguration configuration)
    {
        var options = new EmulatorOptions();
        var section = configuration.GetSection(EmulatorOptions.ConfigurationSection);
        // The binder appends to a pre-filled list; configured users replace the defaults instead.
        if (section.GetSection(nameof(EmulatorOptions.OigUsers)).Exists()) options.OigUsers = [];
        if (section.GetSection(nameof(EmulatorOptions.IscClients)).Exists()) options.IscClients = [];
        section.Bind(options);
        return options;
    }
}
