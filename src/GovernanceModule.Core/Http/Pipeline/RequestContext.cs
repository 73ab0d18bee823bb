using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// What the handlers of one <see cref="ApiClient"/> request share: the request as Core described it, the trace, the
    /// label messages name it by, the attempt under way and where the attempts stand. It travels in
    /// <see cref="HttpRequestMessage.Properties"/> (netstandard2.0 has no typed Options); only this class touches them.
    /// </summary>
    internal sealed class RequestContext
    {
        private const string Key = "GovernanceModule.Core.Http.RequestContext";

        private HttpResponseMessage? bodyOf;
        private string body = string.Empty;

        public RequestContext(ApiRequest request, Uri uri, IApiTrace trace)
        {
            Request = request;
            Uri = uri;
            Trace = trace;
            Label = request.Method.Method + " " + uri + (request.Summary == null ? string.Empty : " (" + request.Summary + ")");
        }

        public ApiRequest Request { get; }

        public Uri Uri { get; }

        public IApiTrace Trace { get; }

        /// <summary>Method, URL and summary, such as "PUT https://…/provtasks (50 tasks)".</summary>
        public string Label { get; }

        /// <summary>Whether the server may have applied an attempt, for telling a cancelled request's outcome.</summary>
        public AttemptProgress Progress { get; } = new AttemptProgress();

        /// <summary>The attempt under way, 1 for the first; a resend after a token refresh keeps its number.</summary>
        public int Attempt { get; set; } = 1;

        /// <summary>True once a 401 made the authenticator renew its credentials: that happens once per request.</summary>
        public bool CredentialsRenewed { get; set; }

        /// <summary>What a failure message adds for a request that is not safe to send twice.</summary>
        public string OutcomeNote =>
            Request.Idempotent ? string.Empty : "; whether the server applied it is unknown, so it was not sent again";

        public static RequestContext Of(HttpRequestMessage message) =>
            message.Properties.TryGetValue(Key, out var value) && value is RequestContext context
                ? context
                : throw new InvalidOperationException("The request " + message.Method + " " + message.RequestUri + " was not sent through ApiClient.");

        public void AttachTo(HttpRequestMessage message) => message.Properties[Key] = this;

        /// <summary>The (buffered) body of an answer as text, read once however many handlers ask for it.</summary>
        public async Task<string> BodyAsync(HttpResponseMessage response)
        {
            if (!ReferenceEquals(bodyOf, response))
            {
                body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                bodyOf = response;
            }

            return body;
        }
    }
}
