using System;
using GovernanceModule.Core.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// The words for a success status whose body is not what the vendor documents: a proxy's HTML page, a cut or empty
    /// body, JSON of another shape. A write so answered may or may not have been applied, and says so; a read says
    /// only that the answer was not the documented one. Never quotes the body (it goes to ResponseBody, if anywhere).
    /// </summary>
    internal static class UnexpectedAnswer
    {
        /// <summary>"an HTML page (most likely from a proxy)", "an empty body", "JSON that is cut short or malformed", "JSON of another shape (…)".</summary>
        public static string Describe(string? body, string? shapeProblem = null)
        {
            var text = (body ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                return "an empty body";
            }

            if (text[0] == '<')
            {
                return "an HTML page (most likely from a proxy or a login page, not from the API)";
            }

            try
            {
                JToken.Parse(text);
            }
            catch (JsonException)
            {
                return "JSON that is cut short or malformed";
            }

            return "JSON of another shape" + (shapeProblem == null ? string.Empty : " (" + shapeProblem + ")");
        }

        /// <summary>"Reading {what} failed: the server answered 200 with {kind} instead of {documented}."</summary>
        public static string ForRead(string what, ApiResponse response, string documented, string? shapeProblem = null) =>
            "Reading " + what + " failed: the server answered " + (int)response.Status + " with " + Describe(response.Body, shapeProblem) + " instead of " + documented + ".";

        /// <summary>"the server answered 200 with {kind} instead of {documented}; whether the change was applied is unknown"</summary>
        public static string ForWrite(ApiResponse response, string documented, string? shapeProblem = null) =>
            "the server answered " + (int)response.Status + " with " + Describe(response.Body, shapeProblem) + " instead of " + documented + "; whether the change was applied is unknown";

        /// <summary>A member's text when it is a JSON string or number; null when absent, null, or of another type (never throws).</summary>
        public static string? Text(JToken? token)
        {
            if (token is JValue value && value.Value != null)
            {
                switch (value.Type)
                {
                    case JTokenType.String:
                    case JTokenType.Integer:
                    case JTokenType.Float:
                    case JTokenType.Boolean:
                    case JTokenType.Date:
                    case JTokenType.Guid:
                    case JTokenType.Uri:
                        return Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        /// <summary>Parses a JSON value, or null when the body is not JSON (empty, cut short, HTML).</summary>
        public static JToken? TryParse(string? body)
        {
            try
            {
                return string.IsNullOrWhiteSpace(body) ? null : JToken.Parse(body!);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
