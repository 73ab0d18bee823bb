using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Specs;
using NJsonSchema.Validation;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// What a policy must be to be stored: valid against the published ProvisioningPolicyDto, and of the usage type it
/// is stored under. Every write (POST, PUT, PATCH, bulk update) checks its result here, so whatever the emulator
/// stores, and so answers, is a ProvisioningPolicyDto.
/// </summary>
public static class IscPolicyValidator
{
    private static SpecSchema Dto => PublishedSpec.Isc.RequestBody(IscPaths.PolicyTemplate, "PUT");

    /// <summary>Reads the schema now rather than at the first write.</summary>
    public static void Prepare() => _ = Dto;

    /// <summary>
    /// The problems of <paramref name="document"/> as the policy of <paramref name="usageType"/>, each naming the
    /// member; empty when it may be stored. <paramref name="undocumentedUsageTypes"/> lets usageType be a value
    /// outside the published enum (deviation <see cref="Deviations.UndocumentedUsageType"/>).
    /// </summary>
    public static IReadOnlyList<string> Check(JsonNode? document, string usageType, bool undocumentedUsageTypes)
    {
        if (document is not JsonObject policy) return ["The policy must be a JSON object (a ProvisioningPolicyDto)."];

        var problems = Dto.Validate(policy.ToJsonString(EmulatorJson.Vendor))
            .Where(v => !(undocumentedUsageTypes && v.Member == "usageType" && v.Kind == ValidationErrorKind.NotInEnumeration))
            .Select(v => v + " (ProvisioningPolicyDto)")
            .ToList();
        if (policy["usageType"] is not JsonValue usage || !usage.TryGetValue<string>(out var stored) || stored != usageType)
        {
            problems.Add("usageType: must be " + usageType + ", the usage type the policy is stored under; it cannot be changed.");
        }

        return problems;
    }
}
