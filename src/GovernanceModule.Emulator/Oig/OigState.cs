using System;
using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// All OIG tasks. The set of tasks is fixed between resets; a reset swaps in a freshly seeded
/// set in one step, and each task guards its own changes.
/// </summary>
public sealed class OigState : IResettableState
{
    private readonly EmulatorOptions options;
    private volatile TaskSet tasks = TaskSet.Empty;

    public OigState(EmulatorOptions options)
    {
        this.options = options;
    }

    /// <summary>Every task, ordered by numeric id.</summary>
    public IReadOnlyList<OigTask> AllTasks => tasks.Ordered;

    public OigTask? Find(string id) => tasks.ById.GetValueOrDefault(id);

    public void Reset() => tasks = TaskSet.Create(OigSeedData.Tasks(Math.Max(0, options.OigGeneratedTasks)));

    private sealed record TaskSet(IReadOnlyDictionary<string, OigTask> ById, OigTask[] Ordered)
    {
        public static readonly TaskSet Empty = new(new Dictionary<string, OigTask>(), []);

        public static TaskSet Create(IEnumerable<OigTaskSeed> seeds)
        {
            var ordered = seeds.Select(seed => new OigTask(seed)).OrderBy(t => t.SortKey).ThenBy(t => t.Id, StringComparer.Ordinal).ToArray();
            return new TaskSet(ordered.ToDictionary(t => t.Id, StringComparer.Ordinal), ordered);
        }
    }
}
