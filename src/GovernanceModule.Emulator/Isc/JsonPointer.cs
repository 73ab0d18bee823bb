using System.Collections.Generic;
using System.Text;

namespace GovernanceModule.Emulator.Isc;

/// <summary>RFC 6901 pointers: "" is the whole document, else "/"-separated tokens with ~1 for '/' and ~0 for '~'.</summary>
public static class JsonPointer
{
    /// <summary>The unescaped tokens, or null when <paramref name="pointer"/> is not a valid pointer.</summary>
    public static IReadOnlyList<string>? Parse(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') return null;

        var tokens = new List<string>();
        var token = new StringBuilder();
        for (var i = 1; i <= pointer.Length; i++)
        {
            if (i == pointer.Length || pointer[i] == '/')
            {
                tokens.Add(token.ToString());
                token.Clear();
                continue;
            }

            if (pointer[i] != '~')
            {
                token.Append(pointer[i]);
                continue;
            }

            if (i + 1 >= pointer.Length || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return null;
            token.Append(pointer[i + 1] == '0' ? '~' : '/');
            i++;
        }

        return tokens;
    }

    /// <summary>True when <paramref name="prefix"/> names an ancestor of <paramref name="path"/> (not the same location).</summary>
    public static bool IsProperPrefix(IReadOnlyList<string> prefix, IReadOnlyList<string> path)
    {
        if (prefix.Count >= path.Count) return false;
        for (var i = 0; i < prefix.Count; i++)
        {
            if (prefix[i] != path[i]) return false;
        }

        return true;
    }
}
