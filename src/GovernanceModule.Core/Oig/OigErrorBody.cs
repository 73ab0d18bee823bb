using System.Net;
using GovernanceModule.Core.Http;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Oig
{
    /// <summary>
    /// What an OIG error answer says. OIG documents no error bodies: a {"reason": "…"} member is read, other short
    /// text is kept, and a long body (an HTML page) is left to ErrorDetails.
    /// </summary>
    internal sealed class OigErrorBody
    {
        private OigErrorBody(string summary)
        {
            Summary = summary;
        }

        /// <summary>The reason the server gave; empty when it gave none worth showing.</summary>
        public string Summary { get; }

        public static OigErrorBody Parse(string body)
        {
            var reason = UnexpectedAnswer.Text((UnexpectedAnswer.TryParse(body) as JObject)?["reason"]);
            if (!string.IsNullOrWhiteSpace(reason))
            {
                return new OigErrorBody(reason!);
            }

            var text = body.Trim();
            return new OigErrorBody(text.Length > 0 && text.Length <= 200 && text.IndexOf('<') < 0 ? text : string.Empty);
        }

        /// <summary>"404 NotFound: &lt;reason&gt;", or only the status when the body says nothing.</summary>
        public string Describe(HttpStatusCode status) =>
            (int)status + " " + status + (Summary.Length == 0 ? string.Empty : ": " + Summary);
    }
}
