using System;
using System.Linq;
using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace GovernanceModule.Emulator.Isc;

/// <summary>ISC's error envelopes: ErrorResponseDto, 401 {error}, 429 {message}.</summary>
public static class IscErrors
{
    public const string BadRequestCode = "400.1 Bad Request Content";
    public const string BadRequestText = "The request was syntactically correct but its content is semantically invalid.";
    public const string RateLimitMessage = " Rate Limit Exceeded ";
    public const string ExpiredText = "JWT validation failed: JWT is expired";

    /// <summary>A 400 ErrorResponseDto whose causes explain what was wrong.</summary>
    public static IResult BadRequest(params string[] causes) =>
        EmulatorJson.Result(Dto(BadRequestCode, BadRequestText, causes.Length == 0 ? [BadRequestText] : causes), StatusCodes.Status400BadRequest);

    public static IResult Forbidden() => EmulatorJson.Result(Dto("403 Forbidden", "The server understood the request but refuses to authorize it."), StatusCodes.Status403Forbidden);

    public static IResult NotFound() => EmulatorJson.Result(Dto("404 Not found", "The server did not find a current representation for the target resource."), StatusCodes.Status404NotFound);

    public static IResult UnsupportedMediaType(string? contentType) =>
        EmulatorJson.Result(
            Dto("415 Unsupported Media Type", "The request's content type is not supported.", [WrongPatchMediaTypeCause(contentType)]),
            StatusCodes.Status415UnsupportedMediaType);

    public static string WrongPatchMediaTypeCause(string? contentType) =>
        "Content-Type '" + (contentType ?? "") + "' is not supported; send application/json-patch+json.";

    /// <summary>The body of an injected fault in the shape ISC uses for that status.</summary>
    public static JsonObject ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => new JsonObject { ["error"] = ExpiredText },
        StatusCodes.Status429TooManyRequests => new JsonObject { ["message"] = RateLimitMessage },
        StatusCodes.Status400BadRequest => Dto(BadRequestCode, BadRequestText, [BadRequestText]),
        StatusCodes.Status403Forbidden => Dto("403 Forbidden", "The server understood the request but refuses to authorize it."),
        StatusCodes.Status404NotFound => Dto("404 Not found", "The server did not find a current representation for the target resource."),
        StatusCodes.Status500InternalServerError => Dto("500.0 Internal Fault", "An internal fault occurred."),
        _ => Dto(status + " " + ReasonPhrases.GetReasonPhrase(status), ReasonPhrases.GetReasonPhrase(status)),
    };

    /// <summary>An ErrorResponseDto with a fresh trackingId; causes only when given (400s).</summary>
    public static JsonObject Dto(string detailCode, string text, string[]? causes = null)
    {
        var body = new JsonObject
        {
            ["detailCode"] = detailCode,
            ["trackingId"] = Guid.NewGuid().ToString("N"),
            ["messages"] = new JsonArray(Message(text)),
        };
        if (causes is { Length: > 0 }) body["causes"] = new JsonArray(causes.Select(c => (JsonNode)Message(c)).ToArray());
        return body;
    }

    private static JsonObject Message(string text) => new() { ["locale"] = "en-US", ["localeOrigin"] = "DEFAULT", ["text"] = text };
}
