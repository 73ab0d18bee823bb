using System;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Oig;

/// <summary>The OIG base path and the links OIG puts in its answers.</summary>
public static class OigPaths
{
    public const string BasePath = "/iam/governance/selfservice/api/v1";

    public static bool IsOigPath(PathString path) => path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>"&lt;public base URL&gt;/iam/governance/selfservice/api/v1": the configured URL, else the request's own scheme and host.</summary>
    public static string BaseUrl(HttpRequest request, EmulatorOptions options)
    {
        var server = string.IsNullOrEmpty(options.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');
        return server + BasePath;
    }

    public static string TasksHref(string baseUrl) => baseUrl + "/provtasks";

    public static string TaskHref(string baseUrl, string taskId) => baseUrl + "/provtasks/" + Uri.EscapeDataString(taskId);

    /// <summary>The assignee link keeps OIG's double slash before "users" byte for byte.</summary>
    public static string UserHref(string baseUrl, string userKey) => baseUrl + "//users/" + Uri.EscapeDataString(userKey);
}
