using System.Collections.Generic;
using System.Linq;
using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// What an ISC error answer says, from whichever envelope it came in: ErrorResponseDto (detailCode, trackingId,
    /// messages, causes), 401 {error} or 429 {message}. Anything else is kept as short text.
    /// </summary>
    public sealed class IscErrorBody
    {
        private IscErrorBody(string? detailCode, string? trackingId, IReadOnlyList<string> messages, IReadOnlyList<string> causes)
        {
            DetailCode = detailCode;
            TrackingId = trackingId;
            Messages = messages;
            Causes = causes;
        }

        public string? DetailCode { get; }

        /// <summary>SailPoint support finds the failed request by it.</summary>
        public string? TrackingId { get; }

        public IReadOnlyList<string> Messages { get; }

        public IReadOnlyList<string> Causes { get; }

        public static IscErrorBody Parse(string body)
        {
            JObject json;
            try
            {
                json = IscJson.Parse(body) as JObject ?? new JObject();
            }
            catch (JsonException)
            {
                var text = body.Trim();
                var messages = text.Length > 0 && text.Length <= 200 && text.IndexOf('<') < 0 ? new[] { text } : new string[0];
                return new IscErrorBody(null, null, messages, new string[0]);
            }

            // Members of another JSON type than documented (an object where a string belongs) are skipped, never fatal.
            var simple = new[] { Text(json["error"]), Text(json["message"]) }.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim());
            return new IscErrorBody(
                Text(json["detailCode"]),
                Text(json["trackingId"]),
                Texts(json["messages"]).Concat(simple).ToList(),
                Texts(json["causes"]).ToList());
        }

        /// <summary>"400 (400.1 Bad Request Content): &lt;message&gt; Causes: &lt;cause&gt;; &lt;cause&gt;".</summary>
        public string Describe(HttpStatusCode status)
        {
            var text = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (DetailCode != null ? "(" + DetailCode + ")" : status.ToString());
            if (Messages.Count > 0)
            {
                text += ": " + string.Join(" ", Messages);
            }

            var causes = Causes.Where(c => !Messages.Contains(c)).ToList();
            if (causes.Count > 0)
            {
                text += " Causes: " + string.Join("; ", causes);
            }

            return text;
        }

        private static IEnumerable<string> Texts(JToken? list) =>
            (list as JArray ?? new JArray()).OfType<JObject>().Select(m => Text(m["text"])).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!);

        private static string? Text(JToken? token) => Http.UnexpectedAnswer.Text(token);
    }
}
