using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>What a workflow session holds at one moment. Immutable: a change swaps in a new state.</summary>
public sealed record NermSessionState(
    string WorkflowId,
    string RequesterId,
    string RequesterType,
    string? ProfileId,
    IReadOnlyList<string> ProfileIds,
    string Status,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    int Runs,
    int AppliedChanges);

/// <summary>One workflow session. Its id and uid never change; its state changes atomically under its own lock.</summary>
public sealed class NermSession
{
    private readonly object gate = new();
    private volatile NermSessionState state;

    public NermSession(string id, string uid, int createdOrder, NermSessionState initial)
    {
        Id = id;
        Uid = uid;
        CreatedOrder = createdOrder;
        state = initial;
    }

    public string Id { get; }

    /// <summary>32 characters, as the seed's response schema requires.</summary>
    public string Uid { get; }

    /// <summary>Position in creation order; <c>order=created_at</c> and the default order sort by it.</summary>
    public int CreatedOrder { get; }

    public NermSessionState State => state;

    /// <summary>
    /// Applies a validated patch (only the members present change; attributes merge key by key) when the result has
    /// no <paramref name="problemsOf"/>; otherwise changes nothing and returns null with the problems.
    /// </summary>
    public NermSessionState? Apply(NermSessionPatch patch, bool run, string? runSetsStatus, Func<NermSessionState, JsonObject> problemsOf, out JsonObject problems)
    {
        lock (gate)
        {
            var current = state;
            var attributes = new List<KeyValuePair<string, string>>(current.Attributes);
            foreach (var (key, value) in patch.Attributes)
            {
                var at = attributes.FindIndex(a => a.Key == key);
                if (at >= 0) attributes[at] = new(key, value);
                else attributes.Add(new(key, value));
            }

            var status = patch.Status ?? current.Status;
            if (run && runSetsStatus is not null) status = runSetsStatus;
            var candidate = current with
            {
                WorkflowId = patch.WorkflowId ?? current.WorkflowId,
                RequesterId = patch.RequesterId ?? current.RequesterId,
                RequesterType = patch.RequesterType ?? current.RequesterType,
                ProfileId = patch.ProfileId ?? current.ProfileId,
                ProfileIds = patch.ProfileIds ?? current.ProfileIds,
                Status = status,
                Attributes = attributes,
                Runs = current.Runs + (run ? 1 : 0),
                AppliedChanges = current.AppliedChanges + 1,
            };
            problems = problemsOf(candidate);
            if (problems.Count > 0) return null;
            state = candidate;
            return state;
        }
    }
}
