using System;
using System.Collections.Generic;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Oig;

namespace GovernanceModule.Emulator;

/// <summary>
/// Every switch of the emulator. The instance is shared and read per request, so a test (or
/// <c>PATCH /_emulator/options</c>) can flip a switch on a running emulator. Reset does not
/// touch options. From the command line: <c>--Emulator:OigGeneratedTasks 100000</c>.
/// Defaults follow docs/api-contracts.md.
/// </summary>
public sealed class EmulatorOptions
{
    public const string ConfigurationSection = "Emulator";

    public const string OigDemoUserName = "xelsysadm";
    public const string OigDemoPassword = "Demo-Passw0rd!";
    public const string OigAuditorUserName = "auditor";
    public const string OigAuditorPassword = "Audit-Passw0rd!";

    /// <summary>
    /// Scheme, host and port (optionally a path prefix) used in links instead of the request's
    /// own, e.g. <c>https://pseudo.com</c>. Each API appends its vendor base path.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Answer by SailPoint's published specs alone: turns off every entry of <see cref="Deviations"/> that can be
    /// turned off (<c>--Emulator:Strict true</c>, or <c>PATCH /_emulator/options {"strict":true}</c>).
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>Most journal entries kept; the oldest are dropped first.</summary>
    public int JournalCapacity { get; set; } = 100_000;

    /// <summary>Request bodies longer than this are stored truncated in the journal.</summary>
    public int JournalMaxBodyChars { get; set; } = 1_048_576;

    /// <summary>Accounts for OIG Basic authentication. Default: the demo user and a read-only auditor.</summary>
    public List<OigUser> OigUsers { get; set; } = CreateDefaultOigUsers();

    /// <summary>A PUT without <c>X-Requested-By</c> gets 400. False mimics older releases.</summary>
    public bool OigRequireRequestedBy { get; set; } = true;

    /// <summary>
    /// A PUT whose Content-Type is not JSON gets 415 (the generic OIG status list: only JSON
    /// and XML are supported; this emulator speaks JSON only). A missing Content-Type is accepted.
    /// </summary>
    public bool OigRequireJsonContentType { get; set; } = true;

    /// <summary>A successful reassign also links the new assignee (<c>…/api/v1//users/{key}</c>).</summary>
    public bool OigAssigneeLink { get; set; } = true;

    /// <summary>Bulk results come back in reverse input order. False keeps input order.</summary>
    public bool OigReverseBulkOrder { get; set; } = true;

    /// <summary>Status for invalid input (400, or 500 to mimic servers that fail on unchecked input).</summary>
    public int OigInvalidInputStatus { get; set; } = 400;

    /// <summary>Automated tasks "100000", "100001", … assigned to the demo user, added at every reset.</summary>
    public int OigGeneratedTasks { get; set; } = 200;

    /// <summary>Realm sent in <c>WWW-Authenticate: Basic realm="…"</c>.</summary>
    public string OigRealm { get; set; } = "Oracle Identity Governance";

    public const string IscDemoClientId = "emulator-demo-client";
    public const string IscDemoClientSecret = "Demo-Client-Secret-0001";

    /// <summary>OAuth clients accepted at /oauth/token. Default: one PAT client with every right.</summary>
    public List<IscClient> IscClients { get; set; } = new() { new IscClient { ClientId = IscDemoClientId, ClientSecret = IscDemoClientSecret } };

    /// <summary>expires_in of issued tokens, in seconds (default 749).</summary>
    public int IscTokenLifetimeSeconds { get; set; } = IscTokenLifetimeSecondsDefault;

    public const int IscTokenLifetimeSecondsDefault = 749;

    /// <summary>The provisioning-policy switches of the ISC emulator: rate limit and undocumented usage types.</summary>
    public IscEmulatorOptions Isc { get; set; } = new();

    /// <summary>NERM workflow sessions: API keys, generated sessions, quirks.</summary>
    public Nerm.NermEmulatorOptions Nerm { get; set; } = new();

    public static List<OigUser> CreateDefaultOigUsers() =>
    [
        new OigUser { UserName = OigDemoUserName, Password = OigDemoPassword, UserKey = "1", DisplayName = "System Administrator", CanWrite = true },
        new OigUser { UserName = OigAuditorUserName, Password = OigAuditorPassword, UserKey = "2", DisplayName = "Audit Reader", CanWrite = false },
    ];

    /// <summary>Problems that would make the emulator misbehave; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (JournalCapacity < 1) problems.Add("JournalCapacity must be at least 1.");
        if (JournalMaxBodyChars < 0) problems.Add("JournalMaxBodyChars must not be negative.");
        if (OigInvalidInputStatus is < 400 or > 599) problems.Add("OigInvalidInputStatus must be a 4xx or 5xx status.");
        if (OigGeneratedTasks is < 0 or > 10_000_000) problems.Add("OigGeneratedTasks must be between 0 and 10000000.");
        if (IscTokenLifetimeSeconds < 1) problems.Add("IscTokenLifetimeSeconds must be at least 1.");
        if (OigUsers is null) problems.Add("OigUsers must be a list.");
        else if (OigUsers.Exists(u => u is null || string.IsNullOrEmpty(u.UserName) || string.IsNullOrEmpty(u.UserKey)))
            problems.Add("Every OIG user needs a userName and a userKey.");
        if (!string.IsNullOrEmpty(PublicBaseUrl) && !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
            problems.Add("PublicBaseUrl must be an absolute URL.");
        return problems;
    }

    internal EmulatorOptions ShallowCopy() => (EmulatorOptions)MemberwiseClone();
}
