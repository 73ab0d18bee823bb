using System;
using GovernanceModule.Emulator;
using Microsoft.Extensions.Hosting;

// dotnet run --project src/GovernanceModule.Emulator -- --urls http://127.0.0.1:5080 [--Emulator:OigGeneratedTasks 100000]
//   [--Emulator:Strict true]          answer by SailPoint's published specs alone (Deviations.cs)
//   [--exit-when-stdin-closes true]   run as a child process: stop when the parent ends, ignore Ctrl+C (ChildProcessLifetime)
var app = EmulatorHost.CreateApplication(args);
await app.StartAsync();

var address = EmulatorHost.GetListeningAddress(app);
Console.WriteLine($"Emulator listening on {address}");
foreach (var line in EmulatorHost.DescribeCredentials(app, address))
{
    Console.WriteLine(line);
}
Console.WriteLine($"Test control: {address}/_emulator/ (journal, faults, options, reset, deviations). Press Ctrl+C to stop.");

await app.WaitForShutdownAsync();
