using System.Collections.Generic;

namespace GovernanceModule.Emulator.Isc;

/// <summary>An ISC OAuth client (an API client or a personal access token) the emulator accepts at /oauth/token.</summary>
public sealed class IscClient
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>A personal access token: its tokens also carry user_id and identity_id.</summary>
    public bool IsPersonalAccessToken { get; set; } = true;

    /// <summary>User level of the PAT owner, e.g. ORG_ADMIN; a client without a right gets 403.</summary>
    public string UserLevel { get; set; } = "ORG_ADMIN";

    /// <summary>Scopes granted, e.g. idn:provisioning-policy:manage.</summary>
    public List<string> Scopes { get; set; } = new() { "sp:scopes:all" };
}
