using System.Collections.Generic;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// The NERM switches, one property of <see cref="EmulatorOptions"/>: <c>--Emulator:Nerm:GeneratedSessions 5000</c>
/// on the command line, <c>{"nerm":{…}}</c> in <c>PATCH /_emulator/options</c> (which replaces the whole object).
/// Defaults follow docs/api-contracts.md.
/// </summary>
public sealed class NermEmulatorOptions
{
    public const string DemoApiKeyDefault = "nerm-demo-api-key-0001";

    /// <summary>A NERM API key accepted as a bearer token; empty to accept none but <see cref="ApiKeys"/>.</summary>
    public string DemoApiKey { get; set; } = DemoApiKeyDefault;

    /// <summary>More API keys accepted besides <see cref="DemoApiKey"/>.</summary>
    public List<string> ApiKeys { get; set; } = new();

    /// <summary>Sessions 00000000-0000-4000-8000-000000000001, …0002, … added at every reset, besides the seed's session.</summary>
    public int GeneratedSessions { get; set; } = 1000;

    /// <summary>
    /// Mimic the tenants on which a PATCH that sends <c>status</c> leaves the status as it was and
    /// only <c>status_uid</c> changes it. Off by default: <c>status</c> changes it, as documented.
    /// </summary>
    public bool StatusOnlyThroughStatusUid { get; set; }

    /// <summary>
    /// The request schemas accept requester_type NeaccessRegistrant; every response schema lists only User,
    /// NeprofileUser and NeaccessUser, so by default a write that would store it is a 400 naming requester_type.
    /// True stores and echoes it (deviation <see cref="Deviations.NermNeaccessRegistrant"/>; Strict ignores it).
    /// </summary>
    public bool AcceptNeaccessRegistrant { get; set; }

    /// <summary>The status a successful <c>run=true</c> moves the session to; null leaves it unchanged.</summary>
    public string? RunSetsStatus { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (GeneratedSessions is < 0 or > 10_000_000) problems.Add("Nerm.GeneratedSessions must be between 0 and 10000000.");
        if (ApiKeys is null) problems.Add("Nerm.ApiKeys must be a list.");
        if (RunSetsStatus is not null && !NermVocabulary.IsStatus(RunSetsStatus))
            problems.Add("Nerm.RunSetsStatus must be null or one of the 61 workflow-session statuses.");
        return problems;
    }
}
