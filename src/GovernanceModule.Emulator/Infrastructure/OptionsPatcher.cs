using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>
/// Applies <c>PATCH /_emulator/options</c>: a JSON object of option names (any case) to new
/// values. All members are checked first; on any problem nothing changes.
/// </summary>
public static class OptionsPatcher
{
    private static readonly PropertyInfo[] Settable = typeof(EmulatorOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.CanRead)
        .ToArray();

    /// <summary>Returns the problems found; an empty list means the patch was applied.</summary>
    public static IReadOnlyList<string> Apply(EmulatorOptions live, JsonObject patch)
    {
        var problems = new List<string>();
        var changes = new List<(PropertyInfo Property, object? Value)>();
        foreach (var (name, value) in patch)
        {
            var property = Array.Find(Settable, p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add($"Unknown option '{name}'.");
                continue;
            }
            if (value is null && property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
            {
                problems.Add($"Option '{property.Name}' cannot be null.");
                continue;
            }
            try
            {
                changes.Add((property, value.Deserialize(property.PropertyType, EmulatorJson.Admin)));
            }
            catch (JsonException e)
            {
                problems.Add($"Option '{property.Name}': {e.Message}");
            }
        }
        if (problems.Count > 0) return problems;

        var candidate = live.ShallowCopy();
        foreach (var (property, value) in changes) property.SetValue(candidate, value);
        problems.AddRange(candidate.Validate());
        if (problems.Count > 0) return problems;

        foreach (var (property, value) in changes) property.SetValue(live, value);
        return problems;
    }
}
