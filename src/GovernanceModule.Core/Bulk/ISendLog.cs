using System.Collections.Generic;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Told of every change request right before it is sent, with the changes it carries; the request waits until
    /// <see cref="Sending"/> returns. A write-ahead journal records the changes as sent there, on stable storage.
    /// </summary>
    /// <remarks>Called on any thread, by several requests at once.</remarks>
    public interface ISendLog<in TChange>
    {
        void Sending(IReadOnlyList<TChange> changes);
    }
}
