using System;
using System.Text.RegularExpressions;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>Keeps secrets out of the journal: credentials in headers, query strings and form bodies.</summary>
public static partial class JournalRedaction
{
    public const string Mask = "***";

    /// <summary>Authorization-type headers keep only their scheme: "Basic ***".</summary>
    public static string RedactHeader(string name, string value)
    {
        if (!name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ');
        return space > 0 ? trimmed[..space] + " " + Mask : Mask;
    }

    /// <summary>Masks secret-named parameters in a query string or a url-encoded/multipart form body.</summary>
    public static string RedactParameters(string text)
    {
        if (text.Length == 0) return text;
        var redacted = UrlEncodedSecret().Replace(text, m => m.Groups["key"].Value + "=" + Mask);
        return MultipartSecret().Replace(redacted, m => m.Groups["head"].Value + Mask);
    }

    // client_secret=…, password=…, etc. in "a=1&b=2" (also after "?").
    [GeneratedRegex(@"(?<=^|[?&])(?<key>(?:client_secret|password|refresh_token|access_token|api_key))=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex UrlEncodedSecret();

    // Content-Disposition: form-data; name="client_secret"<headers><blank line>value
    [GeneratedRegex(@"(?<head>name=""(?:client_secret|password|refresh_token|access_token|api_key)""[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)[^\r\n]*", RegexOptions.IgnoreCase)]
    private static partial Regex MultipartSecret();
}
