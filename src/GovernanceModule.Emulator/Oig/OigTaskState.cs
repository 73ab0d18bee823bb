namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// The changeable part of a task, replaced as a whole on every change so that readers get a
/// consistent snapshot without locking.
/// </summary>
public sealed record OigTaskState(
    string Status,
    string AssigneeKey,
    string Note,
    string Response,
    string ProjectedEnd,
    string DescriptiveData,
    string UpdatedBy,
    string SchedulerReason,
    int AppliedChanges);

/// <summary>Task statuses (<c>Process Instance.Task Details.Status</c>) used by the seed data.</summary>
public static class OigTaskStatus
{
    public const string Pending = "Pending";
    public const string Rejected = "Rejected";
    public const string Completed = "Completed";

    /// <summary>The <c>Status.Category</c> of a status; the emulator's statuses are their own categories.</summary>
    public static string CategoryOf(string status) => status;
}
