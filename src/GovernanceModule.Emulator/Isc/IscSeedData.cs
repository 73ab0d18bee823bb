using System.Collections.Generic;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// The provisioning policies seeded at every reset: the source of SailPoint's examples with a
/// CREATE policy equal to the S4 200 example, plus a few more for tests and demos.
/// </summary>
public static class IscSeedData
{
    public const string ExampleSourceId = "2c9180835d191a86015d28455b4a2329";

    /// <summary>A second source; it also holds a policy of an undocumented usage type, as real tenants do.</summary>
    public const string SecondSourceId = "2c91808568c529c60168cca6f90c1313";

    public const string UndocumentedUsageType = "CREATE_MACHINE_ACCOUNT";

    /// <summary>The S4 200 example, byte for byte.</summary>
    public const string ExampleCreatePolicy = """{"name":"example provisioning policy for inactive identities","description":"this provisioning policy creates access based on an identity going inactive","usageType":"CREATE","fields":[{"name":"userName","transform":{"type":"rule","attributes":{"name":"Create Unique LDAP Attribute"}},"attributes":{"template":"${firstname}.${lastname}${uniqueCounter}","cloudMaxUniqueChecks":"50","cloudMaxSize":"20","cloudRequired":"true"},"isRequired":false,"type":"string","isMultiValued":false}]}""";

    public static IEnumerable<(string SourceId, string UsageType, string Json)> Policies()
    {
        yield return (ExampleSourceId, "CREATE", ExampleCreatePolicy);
        yield return (ExampleSourceId, "UPDATE", """{"name":"Account update","description":"Keeps mail and display name in sync","usageType":"UPDATE","fields":[{"name":"mail","transform":{"type":"identityAttribute","attributes":{"name":"email"}},"attributes":{},"isRequired":false,"type":"string","isMultiValued":false},{"name":"displayName","transform":{"type":"identityAttribute","attributes":{"name":"displayName"}},"attributes":{},"isRequired":false,"type":"string","isMultiValued":false}]}""");
        yield return (ExampleSourceId, "DISABLE", """{"name":"Account disable","usageType":"DISABLE","fields":[]}""");
        yield return (SecondSourceId, "CREATE", """{"name":"Badge account","description":"Creates badge system accounts","usageType":"CREATE","fields":[{"name":"badgeId","transform":{"type":"identityAttribute","attributes":{"name":"employeeNumber"}},"attributes":{},"isRequired":true,"type":"string","isMultiValued":false},{"name":"groups","transform":{},"attributes":{"template":"staff"},"isRequired":false,"type":"string","isMultiValued":true}]}""");
        yield return (SecondSourceId, UndocumentedUsageType, """{"name":"Machine account","description":"Service accounts","usageType":"CREATE_MACHINE_ACCOUNT","fields":[{"name":"accountName","transform":{},"attributes":{},"isRequired":true,"type":"string","isMultiValued":false}]}""");
    }
}
