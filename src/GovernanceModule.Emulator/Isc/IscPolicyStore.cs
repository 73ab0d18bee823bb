using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// The provisioning policies per source, kept as JSON documents exactly as the GET returns them. A patch is
/// applied and stored under one lock, so two edits never interleave and a failed one changes nothing.
/// </summary>
public sealed class IscPolicyStore : IResettableState
{
    private readonly Dictionary<string, List<(string UsageType, JsonObject Policy)>> sources = new(StringComparer.Ordinal);
    private readonly object gate = new();

    /// <summary>Copies of the source's policies in creation order, or null for an unknown source.</summary>
    public IReadOnlyList<JsonObject>? List(string sourceId)
    {
        lock (gate)
        {
            return sources.TryGetValue(sourceId, out var policies) ? policies.Select(p => (JsonObject)p.Policy.DeepClone()).ToList() : null;
        }
    }

    public JsonObject? Get(string sourceId, string usageType)
    {
        lock (gate) return (JsonObject?)Find(sourceId, usageType)?.DeepClone();
    }

    /// <summary>
    /// Runs <paramref name="change"/> on a copy of the policy and stores what it returns; returns null when there
    /// is no such policy. An exception from <paramref name="change"/> leaves the stored policy untouched.
    /// </summary>
    public JsonObject? Update(string sourceId, string usageType, Func<JsonObject, JsonObject> change)
    {
        lock (gate)
        {
            var current = Find(sourceId, usageType);
            if (current is null) return null;
            var updated = change((JsonObject)current.DeepClone());
            var policies = sources[sourceId];
            policies[policies.FindIndex(p => p.UsageType == usageType)] = (usageType, updated);
            return (JsonObject)updated.DeepClone();
        }
    }

    /// <summary>True when the source exists (it may hold no policy).</summary>
    public bool HasSource(string sourceId)
    {
        lock (gate) return sources.ContainsKey(sourceId);
    }

    /// <summary>Adds a new policy; false when the source is unknown or already holds one of that usage type.</summary>
    public bool TryAdd(string sourceId, string usageType, JsonObject policy)
    {
        lock (gate)
        {
            if (!sources.TryGetValue(sourceId, out var policies) || policies.Exists(p => p.UsageType == usageType)) return false;
            policies.Add((usageType, (JsonObject)policy.DeepClone()));
            return true;
        }
    }

    /// <summary>Replaces several existing policies of one source at once; false (and nothing changed) when one of them does not exist.</summary>
    public bool TryReplaceAll(string sourceId, IReadOnlyList<(string UsageType, JsonObject Policy)> replacements)
    {
        lock (gate)
        {
            if (!sources.TryGetValue(sourceId, out var policies)) return false;
            var indexes = replacements.Select(r => policies.FindIndex(p => p.UsageType == r.UsageType)).ToList();
            if (indexes.Contains(-1)) return false;
            for (var i = 0; i < replacements.Count; i++)
            {
                policies[indexes[i]] = (replacements[i].UsageType, (JsonObject)replacements[i].Policy.DeepClone());
            }

            return true;
        }
    }

    /// <summary>Removes a policy; false when there is none.</summary>
    public bool Delete(string sourceId, string usageType)
    {
        lock (gate)
        {
            return sources.TryGetValue(sourceId, out var policies) && policies.RemoveAll(p => p.UsageType == usageType) > 0;
        }
    }

    /// <summary>Stores a policy as it is, for test set-up (GET/PUT /_emulator/isc/…).</summary>
    public void Put(string sourceId, string usageType, JsonObject policy)
    {
        lock (gate)
        {
            if (!sources.TryGetValue(sourceId, out var policies)) sources[sourceId] = policies = new();
            var index = policies.FindIndex(p => p.UsageType == usageType);
            if (index >= 0) policies[index] = (usageType, policy);
            else policies.Add((usageType, policy));
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            sources.Clear();
            foreach (var (sourceId, usageType, json) in IscSeedData.Policies())
            {
                Put(sourceId, usageType, JsonNode.Parse(json)!.AsObject());
            }
        }
    }

    private JsonObject? Find(string sourceId, string usageType) =>
        sources.TryGetValue(sourceId, out var policies) ? policies.FirstOrDefault(p => p.UsageType == usageType).Policy : null;
}
