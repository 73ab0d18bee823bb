using System.Collections.Generic;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Told of every change request right before it is sent, with the changes it carries; the request goes out once
    /// the task <see cref="SendingAsync"/> returns has completed, and not at all if it failed. A write-ahead journal
    /// records the changes as sent there, on stable storage.
    /// </summary>
    /// <remarks>Called on any thread, by several requests at once.</remarks>
    public interface ISendLog<in TChange>
    {
        Task SendingAsync(IReadOnlyList<TChange> changes);
    }
}
