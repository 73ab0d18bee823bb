using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// How one API's changes go out: batched (OIG), a bounded set of concurrent requests (NERM) or one at a time (ISC).
    /// Every item taken is handed back exactly once, in input order, with its outcome or the exception its request
    /// ended with (a refused credential, a cancellation): an item's failure never faults the sender.
    /// </summary>
    /// <remarks>One caller at a time (the pipeline thread).</remarks>
    public interface IChangeSender<TItem, TOutcome>
    {
        /// <summary>Items taken and not yet handed back.</summary>
        int Pending { get; }

        /// <summary>
        /// Takes the item and returns the items now done (possibly none). Throws <see cref="OperationCanceledException"/>
        /// only while waiting to take it: then the item is not taken.
        /// </summary>
        Task<IReadOnlyList<Completed<TItem, TOutcome>>> AddAsync(TItem item, CancellationToken cancellationToken);

        /// <summary>Sends what is held back and returns every item not yet handed back.</summary>
        Task<IReadOnlyList<Completed<TItem, TOutcome>>> FlushAsync(CancellationToken cancellationToken);

        /// <summary>
        /// After a stop: the items started and not handed back, once their (cancelled) requests have ended, and the
        /// items never sent. Nothing is sent.
        /// </summary>
        Abandoned<TItem, TOutcome> Abandon();
    }

    /// <summary>What a stopped sender still held: items whose request started, and items never sent.</summary>
    public sealed class Abandoned<TItem, TOutcome>
    {
        public Abandoned(IReadOnlyList<Completed<TItem, TOutcome>> started, IReadOnlyList<TItem> unsent)
        {
            Started = started;
            Unsent = unsent;
        }

        public IReadOnlyList<Completed<TItem, TOutcome>> Started { get; }

        public IReadOnlyList<TItem> Unsent { get; }
    }

    /// <summary>Runs one item's work so that its failure becomes its outcome.</summary>
    public static class Completed
    {
        public static async Task<Completed<TItem, TOutcome>> RunAsync<TItem, TOutcome>(TItem item, Func<TItem, CancellationToken, Task<TOutcome>> work, CancellationToken cancellationToken)
        {
            try
            {
                return new Completed<TItem, TOutcome>(item, await work(item, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex)
            {
                return new Completed<TItem, TOutcome>(item, default!, ex);
            }
        }
    }
}
