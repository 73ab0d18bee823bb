using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// Rule: say what an attempt that got no answer means. An untrusted certificate ends the request
    /// (<see cref="ApiFailure.CertificateRejected"/>: nothing was sent), and so does a host name that DNS cannot resolve
    /// (<see cref="ApiFailure.Unreachable"/> at once, not after the retries of a lost connection: a name that does not
    /// resolve now will not in the next seconds either); a refused connection reached no server; any
    /// other lost connection may have reached it. The last two go up as <see cref="AttemptFailedException"/> for
    /// <see cref="RetryHandler"/>, with the failure the request ends with if it is not sent again.
    /// </summary>
    internal sealed class TransportFailureHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (IsCertificateRejected(ex))
            {
                var context = RequestContext.Of(request);
                throw new ApiException(
                    ApiFailure.CertificateRejected,
                    context.Label + " failed: the TLS certificate of " + context.Uri.Authority + " was not accepted (" + Innermost(ex).Message + "). Nothing was sent.",
                    inner: ex);
            }
            catch (HttpRequestException ex) when (IsNameNotResolved(ex))
            {
                var context = RequestContext.Of(request);
                throw new ApiException(
                    ApiFailure.Unreachable,
                    context.Label + " failed: the host name " + context.Uri.Host + " could not be resolved (DNS): no such host, or no DNS server answered. Nothing was sent.",
                    inner: ex);
            }
            catch (HttpRequestException ex) when (IsConnectionRefused(ex))
            {
                var context = RequestContext.Of(request);
                throw new AttemptFailedException(
                    "the connection was refused",
                    nothingSent: true,
                    new ApiException(ApiFailure.Unreachable, context.Label + " failed: the server refused the connection (" + context.Uri.Authority + ").", inner: ex));
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                var context = RequestContext.Of(request);
                throw new AttemptFailedException(
                    "the connection was lost",
                    nothingSent: false,
                    new ApiException(
                        context.Request.Idempotent ? ApiFailure.Unreachable : ApiFailure.OutcomeUnknown,
                        context.Label + ": the connection was lost before an answer came" + context.OutcomeNote + ".",
                        inner: ex));
            }
        }

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

        private static bool IsNameNotResolved(Exception ex)
        {
            for (var inner = ex; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket
                    && (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData || socket.SocketErrorCode == SocketError.TryAgain))
                {
                    return true;
                }

                if (inner is WebException web && web.Status == WebExceptionStatus.NameResolutionFailure)
                {
                    return true;
                }
            }

            return false;
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

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }
    }
}
