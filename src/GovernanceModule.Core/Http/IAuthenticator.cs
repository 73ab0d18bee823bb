using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Http
{
    /// <summary>Puts credentials on a request. One per connection.</summary>
    public interface IAuthenticator
    {
        Task AuthorizeAsync(HttpRequestMessage request, IApiTrace trace, CancellationToken cancellationToken);

        /// <summary>
        /// Called once after a 401. Returns true when fresh credentials were obtained (a renewed token), so the
        /// request is worth sending once more; false when nothing can change (a wrong password).
        /// </summary>
        Task<bool> TryRefreshAsync(IApiTrace trace, CancellationToken cancellationToken);
    }
}
