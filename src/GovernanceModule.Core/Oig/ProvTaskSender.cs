using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;

namespace GovernanceModule.Core.Oig
{
    /// <summary>
    /// OIG's way of sending changes: bulk PUT provtasks requests of up to BatchSize tasks, up to ThrottleLimit of them
    /// in flight, handed back in input order. A batch never names a task twice (a second change to a task goes in a
    /// later batch), and a batch that names a task in flight waits until that task's request is answered, so two
    /// changes to one task are applied in input order. A run of one change only goes through the single-task PUT
    /// provtasks/{taskid}.
    /// </summary>
    public sealed class ProvTaskSender<TItem> : IChangeSender<TItem, ProvTaskOutcome>
    {
        public const int DefaultThrottleLimit = 4;

        private readonly ProvTaskClient client;
        private readonly Func<TItem, ProvTaskUpdate> updateOf;
        private readonly Batcher<TItem> batcher;
        private readonly OrderedThrottle<Batch, IReadOnlyList<ProvTaskOutcome>> throttle;
        private readonly Action<IReadOnlyList<TItem>>? sending;

        /// <summary>Batches whose wait for a slot was cancelled: never sent.</summary>
        private readonly List<TItem> unsent = new List<TItem>();

        /// <summary>Items done, then left behind by a stop in the same AddAsync call: handed back by Abandon.</summary>
        private readonly List<Completed<TItem, ProvTaskOutcome>> doneBeforeStop = new List<Completed<TItem, ProvTaskOutcome>>();
        private static readonly Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> NothingDone =
            Task.FromResult<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>>(new Completed<TItem, ProvTaskOutcome>[0]);

        private int held;

        public ProvTaskSender(ProvTaskClient client, int batchSize, Func<TItem, ProvTaskUpdate> updateOf)
            : this(client, batchSize, 1, updateOf)
        {
        }

        /// <param name="sending">Called (on any thread) right before each request with the items it carries; the request waits for it.</param>
        public ProvTaskSender(ProvTaskClient client, int batchSize, int throttleLimit, Func<TItem, ProvTaskUpdate> updateOf, Action<IReadOnlyList<TItem>>? sending = null)
        {
            this.sending = sending;
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.updateOf = updateOf ?? throw new ArgumentNullException(nameof(updateOf));
            batcher = new Batcher<TItem>(batchSize, i => updateOf(i).TaskId);
            throttle = new OrderedThrottle<Batch, IReadOnlyList<ProvTaskOutcome>>(throttleLimit, SendAsync, b => b.Updates.Select(u => u.TaskId));
        }

        /// <summary>Items taken and not yet handed back.</summary>
        public int Pending => held;

        /// <summary>Requests started so far.</summary>
        public int Requests { get; private set; }

        /// <summary>Takes the item; when that fills a batch, sends it (waiting for a slot) and hands back what is done.</summary>
        public Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> AddAsync(TItem item, CancellationToken cancellationToken)
        {
            held++;
            var batches = batcher.Add(item);

            // Most items only join the batch being filled: nothing to wait for, nothing done.
            return batches.Count == 0 ? NothingDone : StartAllAsync(batches, cancellationToken);
        }

        private async Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> StartAllAsync(IReadOnlyList<IReadOnlyList<TItem>> batches, CancellationToken cancellationToken)
        {
            var done = new List<Completed<TItem, ProvTaskOutcome>>();
            for (var n = 0; n < batches.Count; n++)
            {
                try
                {
                    done.AddRange(Flatten(await StartAsync(batches[n], false, cancellationToken).ConfigureAwait(false)));
                }
                catch (OperationCanceledException)
                {
                    // Stopped while this batch waited for a slot or for a task in flight: it and the later ones are not
                    // sent. The item itself is the last one taken; as the contract says, it is not taken.
                    for (var rest = n; rest < batches.Count; rest++)
                    {
                        unsent.AddRange(batches[rest]);
                    }

                    unsent.AddRange(batcher.Drain());
                    unsent.RemoveAt(unsent.Count - 1);
                    held--;
                    doneBeforeStop.AddRange(done);
                    throw;
                }
            }

            held -= done.Count;
            return done;
        }

        public async Task<IReadOnlyList<Completed<TItem, ProvTaskOutcome>>> FlushAsync(CancellationToken cancellationToken)
        {
            var rest = batcher.Drain();
            var done = new List<Completed<TItem, ProvTaskOutcome>>();
            if (rest.Count > 0)
            {
                try
                {
                    done.AddRange(Flatten(await StartAsync(rest, Requests == 0 && rest.Count == 1, cancellationToken).ConfigureAwait(false)));
                }
                catch (OperationCanceledException)
                {
                    unsent.AddRange(rest);
                    throw;
                }
            }

            done.AddRange(Flatten(await throttle.DrainAsync().ConfigureAwait(false)));
            held -= done.Count;
            return done;
        }

        /// <summary>After a stop: the batches in flight once their cancelled requests have ended, and what was never sent.</summary>
        public Abandoned<TItem, ProvTaskOutcome> Abandon()
        {
            var started = doneBeforeStop.Concat(Flatten(throttle.DrainAsync().GetAwaiter().GetResult())).ToList();
            doneBeforeStop.Clear();
            var never = unsent.Concat(batcher.Drain()).ToList();
            unsent.Clear();
            held = 0;
            return new Abandoned<TItem, ProvTaskOutcome>(started, never);
        }

        private Task<IReadOnlyList<Completed<Batch, IReadOnlyList<ProvTaskOutcome>>>> StartAsync(IReadOnlyList<TItem> items, bool lone, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Requests++;
            return throttle.AddAsync(new Batch(items, items.Select(updateOf).ToList(), lone), cancellationToken);
        }

        private async Task<IReadOnlyList<ProvTaskOutcome>> SendAsync(Batch batch, CancellationToken cancellationToken)
        {
            sending?.Invoke(batch.Items);
            return batch.Lone
                ? new[] { await client.UpdateOneAsync(batch.Updates[0], cancellationToken).ConfigureAwait(false) }
                : await client.UpdateAsync(batch.Updates, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Each batch's items with their outcomes, or with the exception the batch's request ended with.</summary>
        private static List<Completed<TItem, ProvTaskOutcome>> Flatten(IReadOnlyList<Completed<Batch, IReadOnlyList<ProvTaskOutcome>>> batches)
        {
            var items = new List<Completed<TItem, ProvTaskOutcome>>();
            foreach (var done in batches)
            {
                for (var n = 0; n < done.Item.Items.Count; n++)
                {
                    items.Add(done.Exception == null
                        ? new Completed<TItem, ProvTaskOutcome>(done.Item.Items[n], done.Result[n], null)
                        : new Completed<TItem, ProvTaskOutcome>(done.Item.Items[n], null!, done.Exception));
                }
            }

            return items;
        }

        private sealed class Batch
        {
            public Batch(IReadOnlyList<TItem> items, IReadOnlyList<ProvTaskUpdate> updates, bool lone)
            {
                Items = items;
                Updates = updates;
                Lone = lone;
            }

            public IReadOnlyList<TItem> Items { get; }

            public IReadOnlyList<ProvTaskUpdate> Updates { get; }

            public bool Lone { get; }
        }
    }
}
