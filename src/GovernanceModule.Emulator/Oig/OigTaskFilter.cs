using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// The <c>q</c> filter of <c>GET …/provtasks</c>: <c>&lt;attr&gt; eq &lt;value&gt;</c> terms joined by
/// <c> AND </c>; <c>::</c> stands for a space (Oracle's encoding for names with spaces). Attribute
/// names are the task's field names (or <c>id</c>); names and values compare case-insensitively.
/// An attribute no task has simply matches nothing.
/// </summary>
public sealed partial class OigTaskFilter
{
    private readonly IReadOnlyList<(string Attribute, string Value)> terms;

    private OigTaskFilter(IReadOnlyList<(string Attribute, string Value)> terms)
    {
        this.terms = terms;
    }

    /// <summary>Parses a filter; returns null with an error for a malformed one.</summary>
    public static OigTaskFilter? Parse(string q, out string? error)
    {
        var terms = new List<(string, string)>();
        foreach (var text in AndSeparator().Split(q.Trim()))
        {
            var match = Term().Match(text);
            if (!match.Success)
            {
                error = $"Invalid filter term '{text}'. Expected '<attribute> eq <value>' terms joined by ' AND '.";
                return null;
            }
            terms.Add((Unescape(match.Groups["attr"].Value), Unescape(match.Groups["value"].Value)));
        }
        error = null;
        return new OigTaskFilter(terms);
    }

    public bool Matches(OigTaskView view)
    {
        foreach (var (attribute, value) in terms)
        {
            string actual;
            if (attribute.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                actual = view.Task.Id;
            }
            else if (OigTaskFields.Find(attribute) is { } field)
            {
                actual = OigTaskFields.AsText(field.Read(view));
            }
            else
            {
                return false;
            }
            if (!actual.Equals(value, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    private static string Unescape(string text) => text.Replace("::", " ", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^\s*(?<attr>\S.*?)\s+eq\s+(?<value>.*?)\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Term();
}
