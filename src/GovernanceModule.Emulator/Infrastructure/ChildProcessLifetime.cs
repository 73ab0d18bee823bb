using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// The lifetime of an emulator that a parent process runs (<c>--exit-when-stdin-closes true</c>, as the
/// GovernanceModule.Emulator PowerShell module starts it). It stops when its standard input ends, which the system
/// brings about when the parent ends in any way (exit, crash, kill), so the emulator never outlives it; it also
/// stops on SIGTERM. It ignores Ctrl+C (SIGINT): on Linux and macOS the terminal sends that to the parent's whole
/// process group when the user only means to stop the command running in the parent.
/// </summary>
internal sealed class ChildProcessLifetime : IHostLifetime, IDisposable
{
    /// <summary>The configuration key (command line <c>--exit-when-stdin-closes true</c>) that selects this lifetime.</summary>
    public const string ConfigurationKey = "exit-when-stdin-closes";

    private readonly IHostApplicationLifetime application;
    private PosixSignalRegistration? interrupt;
    private PosixSignalRegistration? terminate;

    public ChildProcessLifetime(IHostApplicationLifetime application) => this.application = application;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            application.StopApplication();
        });
        new Thread(WatchStandardInput) { IsBackground = true, Name = "emulator stdin watch" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        interrupt?.Dispose();
        terminate?.Dispose();
    }

    private void WatchStandardInput()
    {
        try
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
        application.StopApplication();
    }
}
