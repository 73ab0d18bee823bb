using System.Collections.Generic;
using System.Linq;
using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>NERM's error bodies: {"error": "…"} and, for validation failures, "errors": {field: message(s)}.</summary>
    internal sealed class NermErrorBody
    {
        private NermErrorBody(string? error, IReadOnlyList<KeyValuePair<string, string>> fieldErrors)
        {
            Error = error;
            FieldErrors = fieldErrors;
        }

        public string? Error { get; }

        public IReadOnlyList<KeyValuePair<string, string>> FieldErrors { get; }

        /// <summary>"The workflow session failed to create/update: status: is not included in the list; …", or a short text.</summary>
        public string Summary
        {
            get
            {
                var fields = string.Join("; ", FieldErrors.Select(f => f.Key + ": " + f.Value));
                if (Error == null)
                {
                    return fields;
                }

                return fields.Length == 0 ? Error : Error + ": " + fields;
            }
        }

        /// <summary>"422 UnprocessableEntity: &lt;summary&gt;", or only the status when the body says nothing.</summary>
        public string Describe(HttpStatusCode status) =>
            (int)status + " " + status + (Summary.Length == 0 ? string.Empty : ": " + Summary);

        public static NermErrorBody Parse(string body)
        {
            try
            {
                if (JToken.Parse(body) is JObject json)
                {
                    var fieldErrors = (json["errors"] as JObject)?.Properties()
                        .Select(p => new KeyValuePair<string, string>(p.Name, Messages(p.Value)))
                        .ToList() ?? new List<KeyValuePair<string, string>>();
                    return new NermErrorBody(json["error"]?.Type == JTokenType.String ? (string?)json["error"] : null, fieldErrors);
                }
            }
            catch (JsonException)
            {
            }

            // Not NERM's JSON (a proxy's page): show it only when it is short text.
            var text = body.Trim();
            var shown = text.Length > 0 && text.Length <= 200 && text.IndexOf('<') < 0 ? text : null;
            return new NermErrorBody(shown, new List<KeyValuePair<string, string>>());
        }

        /// <summary>Rails-style servers send a string or an array of strings per field.</summary>
        private static string Messages(JToken value) =>
            value is JArray many
                ? string.Join(", ", many.Select(m => m.Type == JTokenType.String ? (string)m! : m.ToString(Formatting.None)))
                : value.Type == JTokenType.String ? (string)value! : value.ToString(Formatting.None);
    }
}
