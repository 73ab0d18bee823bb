using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Sends one item at a time and waits for its answer before the next is read: for changes that must see the
    /// server's state after the previous one (ISC plans each patch against the policy as it is now).
    /// </summary>
    public sealed class SequentialSender<TItem, TOutcome> : IChangeSender<TItem, TOutcome>
    {
        private static readonly IReadOnlyList<Completed<TItem, TOutcome>> None = new Completed<TItem, TOutcome>[0];
        private readonly Func<TItem, CancellationToken, Task<TOutcome>> work;

        public SequentialSender(Func<TItem, CancellationToken, Task<TOutcome>> work)
        {
            this.work = work ?? throw new ArgumentNullException(nameof(work));
        }

        public int Pending => 0;

        public async Task<IReadOnlyList<Completed<TItem, TOutcome>>> AddAsync(TItem item, CancellationToken cancellationToken) =>
            new[] { await Completed.RunAsync(item, work, cancellationToken).ConfigureAwait(false) };

        public Task<IReadOnlyList<Completed<TItem, TOutcome>>> FlushAsync(CancellationToken cancellationToken) => Task.FromResult(None);

        public Abandoned<TItem, TOutcome> Abandon() => new Abandoned<TItem, TOutcome>(None, new TItem[0]);
    }
}
