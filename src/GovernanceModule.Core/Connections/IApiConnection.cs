using System;

namespace GovernanceModule.Core.Connections
{
    /// <summary>A session with one server of one API; closed once disposed.</summary>
    public interface IApiConnection : IDisposable
    {
        /// <summary>The API base the connection sends to.</summary>
        Uri Uri { get; }

        /// <summary>True when every request that carries the credentials (API and token requests) uses https.</summary>
        bool IsEncrypted { get; }

        /// <summary>True once the connection was closed (Disconnect-*): it sends nothing more.</summary>
        bool IsClosed { get; }
    }
}
