using System;
using System.Linq;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// Who may read and change provisioning policies. A personal access token acts for its
/// owner, whose user level must be one of the three; every client needs a fitting scope.
/// </summary>
public static class IscRights
{
    private static readonly string[] UserLevels = ["ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN"];
    private static readonly string[] ManageScopes = ["sp:scopes:all", "idn:provisioning-policy-source-admin-operations:manage", "idn:provisioning-policy:manage"];
    private static readonly string[] ReadScopes = [.. ManageScopes, "idn:provisioning-policy-source:read", "idn:provisioning-policy:read"];

    public static bool CanRead(IscClient client) => Allowed(client, ReadScopes, UserLevels);

    public static bool CanManage(IscClient client) => Allowed(client, ManageScopes, UserLevels);

    /// <summary>Create, delete and bulk update: ORG_ADMIN only.</summary>
    public static bool CanAdminister(IscClient client) => Allowed(client, ManageScopes, OrgAdmin);

    private static readonly string[] OrgAdmin = ["ORG_ADMIN"];

    private static bool Allowed(IscClient client, string[] scopes, string[] userLevels)
    {
        var levelAllows = !client.IsPersonalAccessToken || userLevels.Contains(client.UserLevel, StringComparer.Ordinal);
        return levelAllows && client.Scopes.Any(s => scopes.Contains(s, StringComparer.Ordinal));
    }
}
