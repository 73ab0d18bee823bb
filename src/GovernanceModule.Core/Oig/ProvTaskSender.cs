using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;

namespace GovernanceModule.Core.Oig
{
    /// <summary>
    /// OIG's way of sending changes: bulk PUT provtasks requests of up to BatchSize tasks, one at a time, a batch
    /// never naming a task twice (a second change to a task goes in the next request, after the first). A run of
    /// one change only goes through the single-task PUT provtasks/{taskid}.
    /// </summary>
    public sealed class ProvTaskSender<TItem> : IChangeSender<TItem, ProvTaskOutcome>
    {
        private readonly ProvTaskClient client;
        private readonly Func<TItem, ProvTaskUpdate> updateOf;
        private readonly Batcher<TItem> batcher;
        private int held;

        public ProvTaskSender(ProvTaskClient client, int batchSize, Func<TItem, ProvTaskUpdate> updateOf)
        {
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.updateOf = updateOf ?? throw new ArgumentNullException(nameof(updateOf));
            batcher = new Batcher<TItem>(batchSize, i => updateOf(i).TaskId);
        }

        public int Pending => held;

        /// <summary>Requests sent so far.</summary>
        public int Requests { get; private set; }

        public async Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> AddAsync(TItem item, CancellationToken cancellationToken)
        {
            held++;
            var done = new List<Completed<TItem, ProvTaskOutcome>>();
            foreach (var batch in batcher.Add(item))
            {
                done.AddRange(await SendAsync(batch, false, cancellationToken).ConfigureAwait(false));
            }

            return done;
        }

        public Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> FlushAsync(CancellationToken cancellationToken)
        {
            var rest = batcher.Drain();
            return SendAsync(rest, Requests == 0 && rest.Count == 1, cancellationToken);
        }

        /// <summary>Batches are sent within AddAsync and FlushAsync, so after a stop only the unsent batch is left.</summary>
        public Abandoned<TItem, ProvTaskOutcome> Abandon()
        {
            var unsent = batcher.Drain();
            held = 0;
            return new Abandoned<TItem, ProvTaskOutcome>(new Completed<TItem, ProvTaskOutcome>[0], unsent);
        }

        private async Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> SendAsync(IReadOnlyList<TItem> batch, bool lone, CancellationToken cancellationToken)
        {
            held -= batch.Count;
            if (batch.Count == 0)
            {
                return new Completed<TItem, ProvTaskOutcome>[0];
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Stopped after an earlier batch of the same input: this one is not sent.
                var stopped = new OperationCanceledException(cancellationToken);
                return batch.Select(i => new Completed<TItem, ProvTaskOutcome>(i, null!, stopped)).ToList();
            }

            Requests++;
            var updates = batch.Select(updateOf).ToList();
            IReadOnlyList<ProvTaskOutcome> outcomes;
            try
            {
                outcomes = lone
                    ? new[] { await client.UpdateOneAsync(updates[0], cancellationToken).ConfigureAwait(false) }
                    : await client.UpdateAsync(updates, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                return batch.Select(i => new Completed<TItem, ProvTaskOutcome>(i, null!, ex)).ToList();
            }

            return batch.Select((i, n) => new Completed<TItem, ProvTaskOutcome>(i, outcomes[n], null)).ToList();
        }
    }
}
