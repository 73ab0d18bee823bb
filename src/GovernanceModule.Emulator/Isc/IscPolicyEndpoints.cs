using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// The provisioning-policy resource of the published spec under every API version: list and create, get, replace,
/// patch and delete, and bulk update. Order of checks after the middleware's 401 and 429: rights 403, usage type
/// 400, content type 415 (PATCH), 404, then the body. Every write validates its result (<see cref="IscPolicyValidator"/>)
/// and stores nothing when it fails.
/// </summary>
public static class IscPolicyEndpoints
{
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static void MapIscPolicies(this IEndpointRouteBuilder endpoints)
    {
        // One endpoint per operation for every version: {version} is one of IscPaths.Versions.
        var group = endpoints.MapGroup("/{version:regex(^(" + string.Join("|", IscPaths.Versions) + ")$)}" + IscPaths.PoliciesTemplate);
        group.AddEndpointFilter(ServedUnderVersion);
        group.MapGet("", ListPolicies);
        group.MapPost("", CreatePolicyAsync);
        group.MapPost("/bulk-update", BulkUpdateAsync);
        group.MapGet("/{usageType}", GetPolicy);
        group.MapPut("/{usageType}", ReplacePolicyAsync);
        group.MapPatch("/{usageType}", PatchPolicyAsync);
        group.MapDelete("/{usageType}", DeletePolicy);
    }

    /// <summary>Deviation <see cref="Deviations.IscVersionPrefixes"/>: Strict serves the resource under /v3 only.</summary>
    private static async ValueTask<object?> ServedUnderVersion(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var strict = http.RequestServices.GetRequiredService<EmulatorOptions>().Strict;
        return strict && !IscPaths.SpecVersion.Equals(http.GetRouteValue("version") as string, StringComparison.OrdinalIgnoreCase)
            ? IscErrors.NotFound()
            : await next(context);
    }

    private static IResult ListPolicies(string sourceId, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanRead(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        var policies = store.List(sourceId);
        if (policies is null) return IscErrors.NotFound();
        // Deviation UndocumentedUsageType: the list shows every policy the source holds, as tenants do.
        var shown = options.Strict ? policies.Where(p => IscPaths.IsDocumentedUsageType((string?)p["usageType"] ?? "")) : policies;
        return EmulatorJson.Result(EmulatorJson.Array(shown));
    }

    private static async Task<IResult> CreatePolicyAsync(string sourceId, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanAdminister(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (!store.HasSource(sourceId)) return IscErrors.NotFound();
        if (await ReadBodyAsync(context) is not { } body) return IscErrors.BadRequest("The body is not valid JSON.");
        if (body is not JsonObject policy || (string?)policy["usageType"] is not { } usageType)
        {
            return IscErrors.BadRequest("usageType: required, a ProvisioningPolicyDto names the usage type it is created for.");
        }

        var problems = IscPolicyValidator.Check(policy, usageType, AllowsUndocumented(options));
        if (problems.Count > 0) return IscErrors.BadRequest(problems.ToArray());
        return store.TryAdd(sourceId, usageType, policy)
            ? EmulatorJson.Result(policy, StatusCodes.Status201Created)
            : IscErrors.BadRequest("usageType: the source already has a " + usageType + " policy; replace it with PUT or PATCH.");
    }

    private static IResult GetPolicy(string sourceId, string usageType, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanRead(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (UsageTypeProblem(usageType, options) is { } problem) return problem;
        var policy = store.Get(sourceId, usageType);
        return policy is null ? IscErrors.NotFound() : EmulatorJson.Result(policy);
    }

    private static async Task<IResult> ReplacePolicyAsync(string sourceId, string usageType, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanManage(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (UsageTypeProblem(usageType, options) is { } problem) return problem;
        if (store.Get(sourceId, usageType) is null) return IscErrors.NotFound();
        if (await ReadBodyAsync(context) is not { } body) return IscErrors.BadRequest("The body is not valid JSON.");
        // A replacement may leave out usageType: the path names it.
        if (body is JsonObject policy && !policy.ContainsKey("usageType")) policy["usageType"] = usageType;

        return UpdateValidated(store, sourceId, usageType, _ => body, options);
    }

    private static async Task<IResult> PatchPolicyAsync(string sourceId, string usageType, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanManage(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (UsageTypeProblem(usageType, options) is { } problem) return problem;
        if (!IsJsonPatch(context.Request.ContentType)) return WrongPatchMediaType(context.Request.ContentType, options);
        if (store.Get(sourceId, usageType) is null) return IscErrors.NotFound();

        if (await ReadBodyAsync(context) is not { } body) return IscErrors.BadRequest("The body is not valid JSON.");
        var operations = IscPatchOperation.ParseAll(body, out var cause);
        if (operations is null) return IscErrors.BadRequest(cause!);

        try
        {
            return UpdateValidated(store, sourceId, usageType, current => JsonPatchApplier.Apply(current, operations), options);
        }
        catch (JsonPatchException ex)
        {
            return IscErrors.BadRequest(ex.Message);
        }
    }

    private static IResult DeletePolicy(string sourceId, string usageType, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanAdminister(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (UsageTypeProblem(usageType, options) is { } problem) return problem;
        return store.Delete(sourceId, usageType) ? Results.NoContent() : IscErrors.NotFound();
    }

    /// <summary>Replaces every listed policy of the source, all or none; each item names its usage type.</summary>
    private static async Task<IResult> BulkUpdateAsync(string sourceId, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanAdminister(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (!store.HasSource(sourceId)) return IscErrors.NotFound();
        if (await ReadBodyAsync(context) is not { } body) return IscErrors.BadRequest("The body is not valid JSON.");
        if (body is not JsonArray items) return IscErrors.BadRequest("The body must be a JSON array of ProvisioningPolicyDto.");

        var problems = new List<string>();
        var replacements = new List<(string UsageType, JsonObject Policy)>();
        for (var i = 0; i < items.Count; i++)
        {
            var usageType = (items[i] as JsonObject)?["usageType"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            var itemProblems = usageType is null
                ? ["usageType: required, it names the policy to replace."]
                : IscPolicyValidator.Check(items[i], usageType, AllowsUndocumented(options));
            problems.AddRange(itemProblems.Select(p => "[" + i + "]." + p));
            if (itemProblems.Count == 0) replacements.Add((usageType!, items[i]!.AsObject()));
        }

        if (replacements.Select(r => r.UsageType).Distinct(StringComparer.Ordinal).Count() != replacements.Count)
        {
            problems.Add("usageType: each usage type may be listed once.");
        }

        if (problems.Count > 0) return IscErrors.BadRequest(problems.ToArray());
        return store.TryReplaceAll(sourceId, replacements)
            ? EmulatorJson.Result(EmulatorJson.Array(replacements.Select(r => (JsonNode)r.Policy.DeepClone())))
            : IscErrors.BadRequest("usageType: every listed policy must exist on the source; create new ones with POST.");
    }

    /// <summary>Stores what <paramref name="change"/> makes of the current policy when it is a valid policy of that usage type.</summary>
    private static IResult UpdateValidated(IscPolicyStore store, string sourceId, string usageType, Func<JsonObject, JsonNode?> change, EmulatorOptions options)
    {
        try
        {
            var updated = store.Update(sourceId, usageType, current =>
            {
                var result = change(current);
                var problems = IscPolicyValidator.Check(result, usageType, AllowsUndocumented(options));
                if (problems.Count > 0) throw new InvalidPolicyException(problems.ToArray());
                return result!.AsObject();
            });
            return updated is null ? IscErrors.NotFound() : EmulatorJson.Result(updated);
        }
        catch (InvalidPolicyException ex)
        {
            return IscErrors.BadRequest(ex.Problems);
        }
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context) =>
        EmulatorJson.TryParse(await EmulatorJson.ReadBodyAsync(context.Request), out var body) && body is not null ? body : null;

    /// <summary>A usage type outside the 16 is a 400, unless the emulator allows undocumented ones.</summary>
    private static IResult? UsageTypeProblem(string usageType, EmulatorOptions options) =>
        IscPaths.IsDocumentedUsageType(usageType) || AllowsUndocumented(options)
            ? null
            : IscErrors.BadRequest("usageType '" + usageType + "' is not one of " + string.Join(", ", IscPaths.UsageTypes) + ".");

    private static bool AllowsUndocumented(EmulatorOptions options) => options.Isc.AllowUndocumentedUsageTypes && !options.Strict;

    /// <summary>Deviation <see cref="Deviations.PatchContentType415"/>: 415, or under Strict the spec's 400.</summary>
    private static IResult WrongPatchMediaType(string? contentType, EmulatorOptions options) =>
        options.Strict ? IscErrors.BadRequest(IscErrors.WrongPatchMediaTypeCause(contentType)) : IscErrors.UnsupportedMediaType(contentType);

    /// <summary>The media type must be application/json-patch+json; parameters such as charset are fine.</summary>
    private static bool IsJsonPatch(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(JsonPatchMediaType, StringComparison.OrdinalIgnoreCase);

    private sealed class InvalidPolicyException(string[] problems) : Exception(string.Join(" ", problems))
    {
        public string[] Problems { get; } = problems;
    }
}
