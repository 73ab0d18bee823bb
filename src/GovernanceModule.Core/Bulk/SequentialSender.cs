using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Sends one change at a time and waits for its answer before the next is read: for changes that must see the
    /// server's state after the previous one (ISC plans each patch against the policy as it is now).
    /// </summary>
    public sealed class SequentialSender<TChange, TOutcome> : IChangeSender<TChange, TOutcome>
    {
        private static readonly IReadOnlyList<Finished<TChange, TOutcome>> None = new Finished<TChange, TOutcome>[0];
        private readonly Func<TChange, CancellationToken, Task<TOutcome>> send;

        public SequentialSender(Func<TChange, CancellationToken, Task<TOutcome>> send)
        {
            this.send = send ?? throw new ArgumentNullException(nameof(send));
        }

        public int Pending => 0;

        /// <summary>Sends the change; its failure becomes its outcome, so that no change is lost or reported twice.</summary>
        public async Task<IReadOnlyList<Finished<TChange, TOutcome>>> AddAsync(TChange change, CancellationToken cancellationToken)
        {
            try
            {
                return new[] { new Finished<TChange, TOutcome>(change, await send(change, cancellationToken).ConfigureAwait(false), null) };
            }
            catch (Exception ex)
            {
                return new[] { new Finished<TChange, TOutcome>(change, default!, ex) };
            }
        }

        public Task<IReadOnlyList<Finished<TChange, TOutcome>>> FlushAsync(CancellationToken cancellationToken) => Task.FromResult(None);

        public Abandoned<TChange, TOutcome> Abandon() => new Abandoned<TChange, TOutcome>(None, new TChange[0]);
    }
}
