using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// Provisioning policies under every API version. Order of checks after the
/// middleware's 401 and 429: rights 403, usage type 400, content type 415 (PATCH), 404, then the body.
/// </summary>
public static class IscPolicyEndpoints
{
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static void MapIscPolicies(this IEndpointRouteBuilder endpoints)
    {
        foreach (var version in IscPaths.Versions)
        {
            var group = endpoints.MapGroup("/" + version + "/sources/{sourceId}/provisioning-policies");
            group.MapGet("", ListPolicies);
            group.MapGet("/{usageType}", GetPolicy);
            group.MapPatch("/{usageType}", PatchPolicyAsync);
        }
    }

    private static IResult ListPolicies(string sourceId, HttpContext context, IscPolicyStore store)
    {
        if (!IscRights.CanRead(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        var policies = store.List(sourceId);
        return policies is null ? IscErrors.NotFound() : EmulatorJson.Result(EmulatorJson.Array(policies));
    }

    private static IResult GetPolicy(string sourceId, string usageType, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanRead(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (UsageTypeProblem(usageType, options) is { } problem) return problem;
        var policy = store.Get(sourceId, usageType);
        return policy is null ? IscErrors.NotFound() : EmulatorJson.Result(policy);
    }

    private static async Task<IResult> PatchPolicyAsync(string sourceId, string usageType, HttpContext context, IscPolicyStore store, EmulatorOptions options)
    {
        if (!IscRights.CanManage(IscAuthenticationMiddleware.ClientOf(context))) return IscErrors.Forbidden();
        if (UsageTypeProblem(usageType, options) is { } problem) return problem;
        if (!IsJsonPatch(context.Request.ContentType)) return IscErrors.UnsupportedMediaType(context.Request.ContentType);
        if (store.Get(sourceId, usageType) is null) return IscErrors.NotFound();

        var text = await EmulatorJson.ReadBodyAsync(context.Request);
        if (!EmulatorJson.TryParse(text, out var body)) return IscErrors.BadRequest("The body is not valid JSON.");
        var operations = IscPatchOperation.ParseAll(body, out var cause);
        if (operations is null) return IscErrors.BadRequest(cause!);

        try
        {
            var updated = store.Update(sourceId, usageType, current =>
            {
                var result = JsonPatchApplier.Apply(current, operations);
                var problems = IscPolicyValidator.Check(result, usageType);
                if (problems.Count > 0) throw new InvalidPolicyException(problems.ToArray());
                return result!.AsObject();
            });
            return updated is null ? IscErrors.NotFound() : EmulatorJson.Result(updated);
        }
        catch (JsonPatchException ex)
        {
            return IscErrors.BadRequest(ex.Message);
        }
        catch (InvalidPolicyException ex)
        {
            return IscErrors.BadRequest(ex.Problems);
        }
    }

    /// <summary>A usage type outside the 16 is a 400, unless the emulator allows undocumented ones.</summary>
    private static IResult? UsageTypeProblem(string usageType, EmulatorOptions options) =>
        IscPaths.IsDocumentedUsageType(usageType) || options.Isc.AllowUndocumentedUsageTypes
            ? null
            : IscErrors.BadRequest("usageType '" + usageType + "' is not one of " + string.Join(", ", IscPaths.UsageTypes) + ".");

    /// <summary>The media type must be application/json-patch+json; parameters such as charset are fine.</summary>
    private static bool IsJsonPatch(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(JsonPatchMediaType, StringComparison.OrdinalIgnoreCase);

    private sealed class InvalidPolicyException(string[] problems) : Exception(string.Join(" ", problems))
    {
        public string[] Problems { get; } = problems;
    }
}
