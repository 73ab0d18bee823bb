using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// How one API's changes go out: batched (OIG), a bounded set of concurrent requests (NERM) or one at a time (ISC).
    /// Every change taken is handed back exactly once, in input order, with its outcome or the exception its request
    /// ended with (a refused credential, a cancellation): a change's failure never faults the sender. The caller
    /// keeps whatever else it knows of each input and pairs it with the changes handed back, in the same order.
    /// </summary>
    /// <remarks>One caller at a time (the pipeline thread).</remarks>
    public interface IChangeSender<TChange, TOutcome>
    {
        /// <summary>Changes taken and not yet handed back.</summary>
        int Pending { get; }

        /// <summary>
        /// Takes the change and returns the changes now done (possibly none). Throws <see cref="OperationCanceledException"/>
        /// only while waiting to take it: then the change is not taken.
        /// </summary>
        Task<IReadOnlyList<Finished<TChange, TOutcome>>> AddAsync(TChange change, CancellationToken cancellationToken);

        /// <summary>Sends what is held back and returns every change not yet handed back.</summary>
        Task<IReadOnlyList<Finished<TChange, TOutcome>>> FlushAsync(CancellationToken cancellationToken);

        /// <summary>
        /// After a stop: the changes started and not handed back, once their (cancelled) requests have ended, and the
        /// changes never sent, both in input order. Nothing is sent.
        /// </summary>
        Abandoned<TChange, TOutcome> Abandon();
    }
}
