using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// One HttpClient per connection: authentication, headers, bounded retries and tracing. Returns every
    /// HTTP answer (callers decide what a status means for their items) and throws <see cref="ApiException"/>
    /// only when no answer could be had.
    /// </summary>
    public sealed class ApiClient : IDisposable
    {
        private const int MaxTracedBodyChars = 4096;

        private readonly HttpClient http;
        private readonly IAuthenticator authenticator;
        private readonly ApiClientOptions options;
        private long retries;

        /// <summary>
        /// The connection's shared backoff, in <see cref="Stopwatch"/> ticks: no attempt of any request of this client is
        /// sent before it. A 429 or 503 pushes it to the end of the wait it asked for, so that every request in flight
        /// slows down, not only the one that was told.
        /// </summary>
        private long notBefore;

        public ApiClient(Uri baseUri, IAuthenticator authenticator, ApiClientOptions options, HttpMessageHandler? handler = null)
        {
            BaseUri = EnsureTrailingSlash(baseUri);
            this.authenticator = authenticator;
            this.options = options;
            http = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
        }

        public Uri BaseUri { get; }

        public ApiClientOptions Options => options;

        /// <summary>How many times a request of this client was sent again after a retryable answer or a lost connection.</summary>
        public long Retries => Interlocked.Read(ref retries);

        /// <summary>Sends the request, retrying what is safe to retry, and returns the server's answer.</summary>
        /// <exception cref="ApiException">No answer could be had (refused, lost, timed out, certificate rejected).</exception>
        /// <exception cref="RequestCancelledException">The caller cancelled; tells whether the server may have applied it.</exception>
        public async Task<ApiResponse> SendAsync(ApiRequest request, IApiTrace trace, CancellationToken cancellationToken)
        {
            var uri = new Uri(BaseUri, request.RelativePath);
            var label = request.Method.Method + " " + uri + (request.Summary == null ? string.Empty : " (" + request.Summary + ")");
            var progress = new AttemptProgress();
            try
            {
                return await SendAttemptsAsync(request, uri, label, progress, trace, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new RequestCancelledException(label, progress.OutcomeUnknown, cancellationToken);
            }
        }

        private async Task<ApiResponse> SendAttemptsAsync(ApiRequest request, Uri uri, string label, AttemptProgress progress, IApiTrace trace, CancellationToken cancellationToken)
        {
            var retry = options.Retry;
            var total = Stopwatch.StartNew();
            var refreshed = false;
            if (request.Body != null && !request.Sensitive)
            {
                trace.Debug("Request body of " + label + ": " + Truncate(request.Body));
            }

            for (var attempt = 1; ; attempt++)
            {
                await WaitForBackoffAsync(label, trace, cancellationToken).ConfigureAwait(false);
                var attemptTime = Stopwatch.StartNew();
                HttpStatusCode status;
                string body;
                System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter;
                try
                {
                    using (var message = await BuildMessageAsync(request, uri, trace, cancellationToken).ConfigureAwait(false))
                    using (await AcquireRateSlotAsync(trace, cancellationToken).ConfigureAwait(false))
                    using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        timeout.CancelAfter(options.Timeout);
                        try
                        {
                            progress.InFlight = true;
                            using (var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                            {
                                progress.InFlight = false;
                                status = response.StatusCode;
                                retryAfter = response.Headers.RetryAfter;
                                body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            }
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            // Not re-sent, even when idempotent: -TimeoutSec promises an error after that long, not a longer wait.
                            throw new ApiException(
                                ApiFailure.Timeout,
                                label + " got no answer within " + options.Timeout.TotalSeconds + " s (the -TimeoutSec of Connect-*)" + OutcomeNote(request) + ".");
                        }
                    }
                }
                catch (HttpRequestException ex) when (IsCertificateRejected(ex))
                {
                    throw new ApiException(
                        ApiFailure.CertificateRejected,
                        label + " failed: the TLS certificate of " + BaseUri.Authority + " was not accepted (" + Innermost(ex).Message + "). Nothing was sent. Trust the server's certificate authority on this machine; only for a test server, connect with -SkipCertificateCheck.",
                        inner: ex);
                }
                catch (HttpRequestException ex) when (IsConnectionRefused(ex))
                {
                    progress.InFlight = false;
                    if (CanRetry(attempt, retry.DelayBefore(attempt + 1, null, DateTimeOffset.UtcNow), total, retry))
                    {
                        await WaitAsync(label, "the connection was refused", attempt, retry.DelayBefore(attempt + 1, null, DateTimeOffset.UtcNow), trace, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw new ApiException(ApiFailure.Unreachable, label + " failed: the server refused the connection (" + BaseUri.Authority + ").", inner: ex);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    progress.Landed();
                    var wait = retry.DelayBefore(attempt + 1, null, DateTimeOffset.UtcNow);
                    if (request.Idempotent && CanRetry(attempt, wait, total, retry))
                    {
                        await WaitAsync(label, "the connection was lost", attempt, wait, trace, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw new ApiException(
                        request.Idempotent ? ApiFailure.Unreachable : ApiFailure.OutcomeUnknown,
                        label + ": the connection was lost before an answer came" + OutcomeNote(request) + ".",
                        inner: ex);
                }

                trace.Verbose(label + ": " + (int)status + " " + status + " in " + attemptTime.ElapsedMilliseconds + " ms" + (attempt > 1 ? " (attempt " + attempt + ")" : string.Empty));
                if (body.Length > 0 && !request.Sensitive)
                {
                    trace.Debug("Response body: " + Truncate(body));
                }

                if (status == HttpStatusCode.Unauthorized && !refreshed && await authenticator.TryRefreshAsync(trace, cancellationToken).ConfigureAwait(false))
                {
                    refreshed = true;
                    attempt--;
                    continue;
                }

                if (!RetryPolicy.SaysNotApplied(status))
                {
                    progress.Landed();
                }

                if (RetryPolicy.IsRetryable(status, request.Idempotent))
                {
                    var wait = retry.DelayBefore(attempt + 1, retryAfter, DateTimeOffset.UtcNow);
                    if (CanRetry(attempt, wait, total, retry))
                    {
                        if ((int)status == 429 || (int)status == 503)
                        {
                            PushBackoff(wait);
                        }

                        await WaitAsync(label, "it answered " + (int)status, attempt, wait, trace, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                if (!request.Idempotent && RetryPolicy.IsFromGateway(status))
                {
                    throw new ApiException(
                        ApiFailure.OutcomeUnknown,
                        label + ": a gateway answered " + (int)status + " " + status + OutcomeNote(request) + ".",
                        status,
                        body);
                }

                return new ApiResponse(status, body, attempt);
            }
        }

        public void Dispose() => http.Dispose();

        private async Task<HttpRequestMessage> BuildMessageAsync(ApiRequest request, Uri uri, IApiTrace trace, CancellationToken cancellationToken)
        {
            var message = new HttpRequestMessage(request.Method, uri);
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

            await authenticator.AuthorizeAsync(message, trace, cancellationToken).ConfigureAwait(false);
            return message;
        }

        private async Task<IDisposable?> AcquireRateSlotAsync(IApiTrace trace, CancellationToken cancellationToken) =>
            options.RateLimiter == null ? null : await options.RateLimiter.AcquireAsync(trace, cancellationToken).ConfigureAwait(false);

        /// <summary>Moves the shared backoff to at least <paramref name="wait"/> from now.</summary>
        private void PushBackoff(TimeSpan wait)
        {
            var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            for (var seen = Interlocked.Read(ref notBefore); seen < until; seen = Interlocked.Read(ref notBefore))
            {
                if (Interlocked.CompareExchange(ref notBefore, until, seen) == seen)
                {
                    return;
                }
            }
        }

        /// <summary>Waits until the shared backoff has passed (it may be pushed further while waiting).</summary>
        private async Task WaitForBackoffAsync(string label, IApiTrace trace, CancellationToken cancellationToken)
        {
            var traced = false;
            for (var left = Interlocked.Read(ref notBefore) - Stopwatch.GetTimestamp(); left > 0; left = Interlocked.Read(ref notBefore) - Stopwatch.GetTimestamp())
            {
                var wait = TimeSpan.FromSeconds((double)left / Stopwatch.Frequency);
                if (!traced && wait >= TimeSpan.FromMilliseconds(50))
                {
                    traced = true;
                    trace.Verbose(label + ": the server asked this connection to slow down; waiting " + wait.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s.");
                }

                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool CanRetry(int attempt, TimeSpan wait, Stopwatch total, RetryPolicy retry) =>
            attempt < retry.MaxAttempts && total.Elapsed + wait <= retry.MaxTotalTime;

        private async Task WaitAsync(string label, string why, int attempt, TimeSpan wait, IApiTrace trace, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref retries);
            trace.Verbose(label + ": " + why + "; retrying in " + wait.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s (attempt " + (attempt + 1) + ").");
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        private static string OutcomeNote(ApiRequest request) =>
            request.Idempotent ? string.Empty : "; whether the server applied it is unknown, so it was not sent again";

        private static bool IsCertificateRejected(Exception ex)
        {
            for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is System.Security.Authentication.AuthenticationException)
                {
                    return true;
                }

                if (inner is WebException web && web.Status == WebExceptionStatus.TrustFailure)
                {
                    return true;
                }
            }

            return false;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }

        private static bool IsConnectionRefused(Exception ex)
        {
            for (var inner = ex; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket && socket.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    return true;
                }

                if (inner is WebException web && web.Status == WebExceptionStatus.ConnectFailure)
                {
                    return true;
                }
            }

            return false;
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

        /// <summary>Where a request's attempts stand, for telling a cancelled request's outcome.</summary>
        private sealed class AttemptProgress
        {
            private volatile bool inFlight;
            private volatile bool landed;

            public bool InFlight
            {
                get => inFlight;
                set => inFlight = value;
            }

            /// <summary>True when the server may have applied an attempt: one is in flight or one ended without a "not applied" answer.</summary>
            public bool OutcomeUnknown => inFlight || landed;

            /// <summary>The attempt reached the server and its answer does not say it was refused unprocessed.</summary>
            public void Landed()
            {
                landed = true;
                inFlight = false;
            }
        }

        private static string Truncate(string text) =>
            text.Length <= MaxTracedBodyChars ? text : text.Substring(0, MaxTracedBodyChars) + "… (" + text.Length + " chars)";
    }
}
