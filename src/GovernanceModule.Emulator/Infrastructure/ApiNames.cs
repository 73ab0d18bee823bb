using System;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>Which vendor API a request path belongs to, as used by the journal and fault rules.</summary>
public static class ApiNames
{
    public const string Oig = "oig";
    public const string Nerm = "nerm";
    public const string Isc = "isc";
    public const string Other = "other";

    public const string AdminPathPrefix = "/_emulator";

    private static readonly string[] IscPrefixes = ["/v3", "/beta", "/v2024", "/v2025", "/v2026", "/oauth/token"];

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments(AdminPathPrefix, StringComparison.OrdinalIgnoreCase);

    public static string Classify(PathString path)
    {
        if (path.StartsWithSegments("/iam/governance/selfservice/api/v1", StringComparison.OrdinalIgnoreCase)) return Oig;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) return Nerm;
        foreach (var prefix in IscPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return Isc;
        }
        return Other;
    }
}
