using System;
using GovernanceModule.Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GovernanceModule.Emulator.Oig;

/// <summary>
/// Checks every OIG PUT must pass before its body is looked at, in this order (after the 401 of
/// the authentication middleware): X-Requested-By (400), write permission (403),
/// JSON content type (415).
/// </summary>
public static class OigWriteGuard
{
    public const string RequestedByHeader = "X-Requested-By";

    /// <summary>The rejection to send, or null when the request may go on.</summary>
    public static IResult? Check(HttpContext context, EmulatorOptions options)
    {
        var request = context.Request;
        if (options.OigRequireRequestedBy && string.IsNullOrWhiteSpace(request.Headers[RequestedByHeader].ToString()))
        {
            return Reject(StatusCodes.Status400BadRequest, $"The {RequestedByHeader} header is required on this request.");
        }

        var user = OigAuthenticationMiddleware.UserOf(context);
        if (!user.CanWrite)
        {
            return Reject(StatusCodes.Status403Forbidden, $"User {user.UserName.ToUpperInvariant()} is not authorized to update provisioning tasks.");
        }

        if (options.OigRequireJsonContentType && !string.IsNullOrEmpty(request.ContentType) && !IsJson(request.ContentType))
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Only application/json request bodies are supported.");
        }
        return null;
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    private static IResult Reject(int status, string reason) => EmulatorJson.Result(OigResponses.Error(null, reason), status);
}
