using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: every answer is told: one -Verbose line with its status, time and attempt number (after the first), and
    /// its body for -Debug unless the request is <see cref="ApiRequest.Sensitive"/>.
    /// </summary>
    internal sealed class TraceHandler : DelegatingHandler
    {
        private const int MaxTracedBodyChars = 4096;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.Of(request);
            var time = Stopwatch.StartNew();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = response.StatusCode;
            context.Trace.Verbose(context.Label + ": " + (int)status + " " + status + " in " + time.ElapsedMilliseconds + " ms" + (context.Attempt > 1 ? " (attempt " + context.Attempt + ")" : string.Empty));
            if (!context.Request.Sensitive)
            {
                var body = await context.BodyAsync(response).ConfigureAwait(false);
                if (body.Length > 0)
                {
                    context.Trace.Debug("Response body: " + Truncate(body));
                }
            }

            return response;
        }

        /// <summary>A body as -Debug shows it: at most 4096 characters.</summary>
        public static string Truncate(string text) =>
            text.Length <= MaxTracedBodyChars ? text : text.Substring(0, MaxTracedBodyChars) + "… (" + text.Length + " chars)";
    }
}
