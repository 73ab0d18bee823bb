using System;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>NERM's unversioned API base, under which workflow sessions are served.</summary>
public static class NermPaths
{
    public const string BasePath = "/api";

    public const string Sessions = "/workflow_sessions";

    /// <summary>One session, as the route and the spec write it.</summary>
    public const string Session = Sessions + "/{id}";

    public static bool IsNermPath(PathString path) => path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase);
}
