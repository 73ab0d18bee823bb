using System;
using System.Collections.Generic;

namespace GovernanceModule.Emulator.Oig;

/// <summary>An OIG user as shown in task attributes.</summary>
public sealed record OigPerson(string Key, string Login, string FirstName, string DisplayName);

/// <summary>
/// Resolves user keys (the values <c>reassign</c> sends) to people: the configured login users
/// first, then a few seeded people without a login. Any other key is accepted as an unnamed user,
/// since the contract does not say what an unknown assignee does.
/// </summary>
public sealed class OigDirectory
{
    private static readonly Dictionary<string, OigPerson> SeededPeople = new(StringComparer.Ordinal)
    {
        ["23"] = new OigPerson("23", "JDOE", "John", "John Doe"),
        ["24"] = new OigPerson("24", "KLEE", "Kim", "Kim Lee"),
        ["1001"] = new OigPerson("1001", "MSMITH", "Mary", "Mary Smith"),
    };

    private readonly EmulatorOptions options;

    public OigDirectory(EmulatorOptions options)
    {
        this.options = options;
    }

    public OigPerson Resolve(string key)
    {
        foreach (var user in options.OigUsers)
        {
            if (user.UserKey == key) return FromUser(user);
        }
        return SeededPeople.TryGetValue(key, out var person)
            ? person
            : new OigPerson(key, "USER" + key, "User", "User " + key);
    }

    public static OigPerson FromUser(OigUser user)
    {
        var display = string.IsNullOrEmpty(user.DisplayName) ? user.UserName : user.DisplayName;
        var space = display.IndexOf(' ');
        return new OigPerson(user.UserKey, user.UserName.ToUpperInvariant(), space > 0 ? display[..space] : display, display);
    }
}
