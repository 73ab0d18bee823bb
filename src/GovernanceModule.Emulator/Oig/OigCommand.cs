using System.Collections.Generic;

namespace GovernanceModule.Emulator.Oig;

public enum OigAction
{
    Reassign,
    SetNote,
    SetResponse,
    Retry,

    /// <summary>The older, action-less form: <c>fields</c> name the attributes to set.</summary>
    UpdateFields,
}

/// <summary>A validated change to one task.</summary>
/// <param name="ActionName">The <c>action</c> as sent, or null for the older form.</param>
/// <param name="Assignee">The new assignee's user key, for <see cref="OigAction.Reassign"/>.</param>
/// <param name="Updates">Attribute name/value pairs for setNote, setResponse and the older form.</param>
public sealed record OigCommand(
    OigAction Action,
    string? ActionName,
    string? Assignee,
    IReadOnlyList<KeyValuePair<string, string>> Updates);

/// <summary>The result of applying a command: success, or a FAIL reason.</summary>
public sealed record OigOutcome(bool Success, string? Reason)
{
    public static readonly OigOutcome Succeeded = new(true, null);

    public static OigOutcome Failed(string reason) => new(false, reason);
}
