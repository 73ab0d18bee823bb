using System;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>A send function that tells an <see cref="ISendLog{TChange}"/> of its one change before it sends it.</summary>
    public static class SendLogged
    {
        public static Func<TChange, CancellationToken, Task<TOutcome>> Before<TChange, TOutcome>(ISendLog<TChange>? log, Func<TChange, CancellationToken, Task<TOutcome>> send) =>
            log == null ? send : async (change, cancellationToken) =>
            {
                await log.SendingAsync(new[] { change }).ConfigureAwait(false);
                return await send(change, cancellationToken).ConfigureAwait(false);
            };
    }
}
