namespace GovernanceModule.Emulator.Oig;

/// <summary>An OIG account that may log in with HTTP Basic.</summary>
public sealed class OigUser
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>OIG user key, the value a <c>reassign</c> sends as <c>assignee</c>.</summary>
    public string UserKey { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>False: the user may read but every PUT is answered 403.</summary>
    public bool CanWrite { get; set; } = true;
}
