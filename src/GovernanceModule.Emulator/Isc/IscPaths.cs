using System;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Isc;

/// <summary>The ISC API versions served and the documented usage types.</summary>
public static class IscPaths
{
    public static readonly string[] Versions = ["v3", "beta", "v2024", "v2025", "v2026"];

    /// <summary>The version the published spec documents; Strict serves no other.</summary>
    public const string SpecVersion = "v3";

    /// <summary>The path templates of the published spec, under each version.</summary>
    public const string PoliciesTemplate = "/sources/{sourceId}/provisioning-policies";
    public const string PolicyTemplate = PoliciesTemplate + "/{usageType}";
    public const string BulkUpdateTemplate = PoliciesTemplate + "/bulk-update";

    /// <summary>The 16 values of the UsageType enum, case-sensitive.</summary>
    public static readonly string[] UsageTypes =
    [
        "CREATE", "UPDATE", "DELETE", "ASSIGN", "UNASSIGN", "CREATE_GROUP", "UPDATE_GROUP", "DELETE_GROUP",
        "REGISTER", "CREATE_IDENTITY", "UPDATE_IDENTITY", "EDIT_GROUP", "ENABLE", "DISABLE", "UNLOCK", "CHANGE_PASSWORD",
    ];

    /// <summary>True for the versioned API paths; the token endpoint is not one of them.</summary>
    public static bool IsApiPath(PathString path) => VersionOf(path) is not null;

    /// <summary>"v3", "beta", … for an API path, else null.</summary>
    public static string? VersionOf(PathString path)
    {
        foreach (var version in Versions)
        {
            if (path.StartsWithSegments("/" + version, StringComparison.OrdinalIgnoreCase)) return version;
        }

        return null;
    }

    public static bool IsDocumentedUsageType(string usageType) => Array.IndexOf(UsageTypes, usageType) >= 0;
}
