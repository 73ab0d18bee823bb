// The objects of the GovernanceModule.Emulator PowerShell module, as JSON with the members those objects have
// (PascalCase), so that the module adds only a type name and never lists the members of JournalEntry or FaultRule.
//
//   GET  /_emulator/module/instance           {OigCredential:{UserName,Password},NermToken,IscCredential:{UserName,Password}}
//                                             the demo credentials of the running options
//   GET  /_emulator/module/requests[?api=oig] [JournalEntry], oldest first (GovernanceModule.Emulator.Request); api= is any
//   POST /_emulator/module/faults             body: Set-GovernanceEmulatorFault's parameters (ModuleFault) → 201 with
//                                             the stored rule as a ModuleFault (GovernanceModule.Emulator.Fault), or
//                                             400 {"errors":[…]}
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovernanceModule.Emulator.Infrastructure;

public static class ModuleEndpoints
{
    /// <summary>Member names as declared, read in any case.</summary>
    private static readonly JsonSerializerOptions ModuleJson = new() { PropertyNameCaseInsensitive = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapModuleEndpoints(this IEndpointRouteBuilder admin)
    {
        var module = admin.MapGroup("/module");
        module.MapGet("/instance", (EmulatorOptions options) => Results.Json(DemoCredentials(options), ModuleJson));
        module.MapGet("/requests", (string? api, RequestJournal journal) => Results.Json(journal.Entries(string.IsNullOrEmpty(api) ? null : api), ModuleJson));
        module.MapPost("/faults", AddFaultAsync);
    }

    private static object DemoCredentials(EmulatorOptions options)
    {
        var oig = options.OigUsers.Where(u => u.CanWrite).Concat(options.OigUsers).First();
        var isc = options.IscClients.First();
        var nermToken = string.IsNullOrEmpty(options.Nerm.DemoApiKey) ? options.Nerm.ApiKeys.FirstOrDefault() : options.Nerm.DemoApiKey;
        return new
        {
            OigCredential = new { oig.UserName, oig.Password },
            NermToken = nermToken,
            IscCredential = new { UserName = isc.ClientId, Password = isc.ClientSecret },
        };
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultInjector faults)
    {
        ModuleFault? fault;
        try
        {
            fault = JsonSerializer.Deserialize<ModuleFault>(await EmulatorJson.ReadBodyAsync(request), ModuleJson);
        }
        catch (JsonException e)
        {
            return AdminEndpoints.Problems(e.Message);
        }
        var rule = fault?.ToRule();
        if (rule is null) return AdminEndpoints.Problems("The body must be an object of Set-GovernanceEmulatorFault parameters; Drop is Before or After.");
        var problems = rule.Validate();
        if (problems.Count > 0) return AdminEndpoints.Problems(problems.ToArray());

        faults.Add(rule);
        return Results.Json(ModuleFault.From(rule), ModuleJson, statusCode: StatusCodes.Status201Created);
    }
}
