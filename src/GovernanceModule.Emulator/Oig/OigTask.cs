using System.Globalization;
using System.Threading;

namespace GovernanceModule.Emulator.Oig;

/// <summary>How a task looks when seeded.</summary>
public sealed record OigTaskSeed(
    string Id,
    int DefinitionKey,
    string TaskName,
    string ObjectName,
    bool Automated,
    string Status,
    string AssigneeKey,
    string DescriptiveData,
    string SchedulerReason = "");

/// <summary>
/// One provisioning task. Fixed attributes are plain properties; the changeable ones live in an
/// immutable <see cref="OigTaskState"/> swapped under a per-task lock, so concurrent and bulk
/// updates of different tasks never wait for each other.
/// </summary>
public sealed class OigTask
{
    public const string NotAutomatedReason = "This task is not automated. If task is completed, set status to UC.";

    private readonly object gate = new();
    private volatile OigTaskState state;

    public OigTask(OigTaskSeed seed)
    {
        Id = seed.Id;
        SortKey = long.TryParse(seed.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
        DefinitionKey = seed.DefinitionKey;
        TaskName = seed.TaskName;
        ObjectName = seed.ObjectName;
        IsAutomated = seed.Automated;
        state = new OigTaskState(
            Status: seed.Status,
            AssigneeKey: seed.AssigneeKey,
            Note: "",
            Response: "",
            ProjectedEnd: "",
            DescriptiveData: seed.DescriptiveData,
            UpdatedBy: CreatedBy,
            SchedulerReason: seed.SchedulerReason,
            AppliedChanges: 0);
    }

    public string Id { get; }

    /// <summary>Numeric id for ordering lists.</summary>
    public long SortKey { get; }

    /// <summary><c>Process Definition.Tasks.Key</c>: the key of the task's definition (a number).</summary>
    public int DefinitionKey { get; }

    public string TaskName { get; }

    public string ObjectName { get; }

    public string CreatedBy => "XELSYSADM";

    /// <summary>False for manual tasks: a retry fails with <see cref="NotAutomatedReason"/>.</summary>
    public bool IsAutomated { get; }

    /// <summary>A consistent snapshot of the changeable attributes.</summary>
    public OigTaskState State => state;

    /// <summary>Applies a validated command atomically; every success counts in <see cref="OigTaskState.AppliedChanges"/>.</summary>
    public OigOutcome Apply(OigCommand command, string actingLogin)
    {
        lock (gate)
        {
            var current = state;
            OigTaskState next;
            switch (command.Action)
            {
                case OigAction.Retry when !IsAutomated:
                    return OigOutcome.Failed(NotAutomatedReason);
                case OigAction.Retry:
                    next = current with { Status = OigTaskStatus.Completed, SchedulerReason = "" };
                    break;
                case OigAction.Reassign:
                    next = current with { AssigneeKey = command.Assignee! };
                    break;
                default:
                    next = current;
                    foreach (var (name, value) in command.Updates)
                    {
                        next = OigTaskFields.Find(name)!.Write!(next, value);
                    }
                    break;
            }
            state = next with { UpdatedBy = actingLogin, AppliedChanges = current.AppliedChanges + 1 };
            return OigOutcome.Succeeded;
        }
    }
}
