using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http.Pipeline;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// One HttpClient per connection, whose handlers (Http/Pipeline) each hold one rule: authentication, retries,
    /// the shared backoff, tracing, the rate limit, the per-attempt timeout. Returns every HTTP answer (callers decide
    /// what a status means for their items) and throws <see cref="ApiException"/> only when no answer could be had.
    /// </summary>
    public sealed class ApiClient : IDisposable
    {
        private readonly HttpClient http;
        private readonly ApiClientOptions options;
        private readonly RetryHandler retry;

        /// <param name="handler">The transport, wrapped by the pipeline; by default an HttpClientHandler made from <paramref name="options"/>.</param>
        public ApiClient(Uri baseUri, IAuthenticator authenticator, ApiClientOptions options, HttpMessageHandler? handler = null)
        {
            BaseUri = EnsureTrailingSlash(baseUri);
            this.options = options;
            var backoff = new ConnectionBackoff();
            retry = new RetryHandler(options, backoff);

            // Outermost first; each handler holds one rule (see its summary).
            var pipeline = Chain(
                handler ?? CreateHandler(options),
                new GatewayOutcomeHandler(),
                retry,
                new AuthenticationHandler(authenticator),
                new SharedBackoffHandler(backoff),
                new TraceHandler(),
                new RateLimitHandler(options),
                new ProgressHandler(),
                new TransportFailureHandler(),
                new TimeoutHandler(options));
            http = new HttpClient(pipeline, disposeHandler: true)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
        }

        public Uri BaseUri { get; }

        public ApiClientOptions Options => options;

        /// <summary>How many times a request of this client was sent again after a retryable answer or a lost connection.</summary>
        public long Retries => retry.Retries;

        /// <summary>Sends the request, retrying what is safe to retry, and returns the server's answer.</summary>
        /// <exception cref="ApiException">No answer could be had (refused, lost, timed out, certificate rejected).</exception>
        /// <exception cref="RequestCancelledException">The caller cancelled; tells whether the server may have applied it.</exception>
        public async Task<ApiResponse> SendAsync(ApiRequest request, IApiTrace trace, CancellationToken cancellationToken)
        {
            var context = new RequestContext(request, new Uri(BaseUri, request.RelativePath), trace);
            if (request.Body != null && !request.Sensitive)
            {
                trace.Debug("Request body of " + context.Label + ": " + TraceHandler.Truncate(request.Body));
            }

            try
            {
                using (var message = CreateMessage(context))
                using (var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
                {
                    return new ApiResponse(response.StatusCode, await context.BodyAsync(response).ConfigureAwait(false), context.Attempt);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new RequestCancelledException(context.Label, context.Progress.OutcomeUnknown, cancellationToken);
            }
        }

        public void Dispose() => http.Dispose();

        /// <summary>The one message every attempt sends: its body is a buffered StringContent, so it can be sent again.</summary>
        private HttpRequestMessage CreateMessage(RequestContext context)
        {
            var request = context.Request;
            var message = new HttpRequestMessage(request.Method, context.Uri);
            context.AttachTo(message);
            message.Headers.Accept.ParseAdd("application/json");
            if (request.Method != HttpMethod.Get)
            {
                foreach (var header in options.WriteHeaders)
                {
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            if (request.Body != null)
            {
                message.Content = new StringContent(request.Body, Encoding.UTF8);
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(request.ContentType) { CharSet = "utf-8" };
            }

            return message;
        }

        private static HttpMessageHandler Chain(HttpMessageHandler transport, params DelegatingHandler[] outermostFirst)
        {
            var inner = transport;
            for (var i = outermostFirst.Length - 1; i >= 0; i--)
            {
                outermostFirst[i].InnerHandler = inner;
                inner = outermostFirst[i];
            }

            return inner;
        }

        private static HttpMessageHandler CreateHandler(ApiClientOptions options)
        {
            var handler = new HttpClientHandler { UseCookies = false };
            if (options.SkipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }

            if (options.MaxConnectionsPerServer is int connections)
            {
                try
                {
                    handler.MaxConnectionsPerServer = connections;
                }
                catch (PlatformNotSupportedException)
                {
                    // .NET Framework before 4.7.1 keeps its ServicePoint limit; requests still work, only less in parallel.
                }
            }

            return handler;
        }

        private static Uri EnsureTrailingSlash(Uri uri) =>
            uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
