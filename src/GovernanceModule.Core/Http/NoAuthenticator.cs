using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>For endpoints that take their credentials in the body, such as an OAuth token endpoint.</summary>
    public sealed class NoAuthenticator : IAuthenticator
    {
        public static readonly NoAuthenticator Instance = new NoAuthenticator();

        public Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
