using System.Collections.Generic;
using System.Globalization;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// The tasks of the vendor examples plus generated automated tasks
/// "100000", "100001", … assigned to the demo user (key "1").
/// </summary>
public static class OigSeedData
{
    public const string DemoUserKey = "1";
    public const int FirstGeneratedId = 100_000;

    public static IEnumerable<OigTaskSeed> Tasks(int generatedCount)
    {
        // Ids from Oracle's examples. 30 and 31 are manual tasks: their retry fails.
        yield return new("6", 12, "Update Email", "Active Directory", true, OigTaskStatus.Pending, DemoUserKey, "jsmith");
        yield return new("30", 51, "Manual Badge Provisioning", "Badge Access", false, OigTaskStatus.Pending, DemoUserKey, "mlopez");
        yield return new("31", 51, "Manual Badge Provisioning", "Badge Access", false, OigTaskStatus.Rejected, DemoUserKey, "kchen", "Manual task awaiting fulfilment");
        yield return new("1006", 39, "Create User", "Payroll", true, OigTaskStatus.Rejected, DemoUserKey, "dtran20190614c", "Connection refused by target system");
        yield return new("1008", 39, "Create User", "Payroll", true, OigTaskStatus.Rejected, DemoUserKey, "dtran20190614d", "Connection refused by target system");
        yield return new("3009", 7, "Create User", "Active Directory", true, OigTaskStatus.Pending, DemoUserKey, "asingh");
        yield return new("3016", 21, "Add Role Membership", "Payroll", true, OigTaskStatus.Pending, DemoUserKey, "bwhite");
        yield return new("3018", 21, "Add Role Membership", "Payroll", true, OigTaskStatus.Pending, DemoUserKey, "cgreen");
        yield return new("5126", 44, "Change Manager", "Plan View", true, OigTaskStatus.Pending, DemoUserKey, "sonia4");

        for (var i = 0; i < generatedCount; i++)
        {
            yield return Generated(i);
        }
    }

    private static readonly (int Key, string Name, string Object)[] GeneratedKinds =
    [
        (39, "Create User", "Payroll"),
        (12, "Update Email", "Active Directory"),
        (44, "Change Manager", "Plan View"),
        (21, "Add Role Membership", "Payroll"),
        (63, "Disable User", "DBUM"),
    ];

    private static OigTaskSeed Generated(int index)
    {
        var kind = GeneratedKinds[index % GeneratedKinds.Length];
        // Every fourth task is rejected, so Rejected filters return generated tasks too.
        var (status, reason) = (index % 4) switch
        {
            0 => (OigTaskStatus.Rejected, "Connection timed out"),
            1 => (OigTaskStatus.Completed, ""),
            _ => (OigTaskStatus.Pending, ""),
        };
        var id = (FirstGeneratedId + index).ToString(CultureInfo.InvariantCulture);
        return new OigTaskSeed(id, kind.Key, kind.Name, kind.Object, true, status, DemoUserKey, "user" + id, reason);
    }
}
