using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>The active fault rules. The first matching rule with requests left applies.</summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> rules = new();
    private readonly object gate = new();

    /// <summary>Adds a copy of the rule at the end of the list.</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = rule.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(rule));
        if (rule.Count == 0) return;
        lock (gate) rules.Add(rule.Clone());
    }

    /// <summary>Copies of the rules still active, with their remaining counts.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (gate) return rules.Select(r => r.Clone()).ToList();
        }
    }

    public void Clear()
    {
        lock (gate) rules.Clear();
    }

    /// <summary>
    /// Finds the first rule matching the request and uses up one of its requests.
    /// Returns a copy of the rule as it applies to this request, or null.
    /// </summary>
    public FaultRule? Take(string api, string method, string path)
    {
        lock (gate)
        {
            var rule = rules.Find(r => r.Matches(api, method, path) && ++r.Seen % r.Every == 0);
            if (rule is null) return null;
            var applied = rule.Clone();
            if (rule.Count > 0 && --rule.Count == 0) rules.Remove(rule);
            return applied;
        }
    }
}
