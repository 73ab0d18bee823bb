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
    public sealed class ProvTaskSender : IChangeSender<ProvTaskUpdate, ProvTaskOutcome>
    {
        public const int DefaultBatchSize = 100;
        public const int MaxBatchSize = 1000;
        public const int DefaultThrottleLimit = 4;
        public const int MaxThrottleLimit = 16;

        private readonly ProvTaskClient client;
        private readonly Batcher<ProvTaskUpdate> batcher;
        private readonly OrderedThrottle<Batch, IReadOnlyList<ProvTaskOutcome>> throttle;
        private readonly ISendLog<ProvTaskUpdate>? log;

        /// <summary>Batches whose wait for a slot was cancelled: never sent.</summary>
        private readonly List<ProvTaskUpdate> unsent = new List<ProvTaskUpdate>();

        /// <summary>Items done, then left behind by a stop in the same AddAsync call: handed back by Abandon.</summary>
        private readonly List<Finished<ProvTaskUpdate, ProvTaskOutcome>> doneBeforeStop = new List<Finished<ProvTaskUpdate, ProvTaskOutcome>>();
        private static readonly Task<IReadOnlyList<Finished<ProvTaskUpdate, ProvTaskOutcome>>> NothingDone =
            Task.FromResult<IReadOnlyList<Finished<ProvTaskUpdate, ProvTaskOutcome>>>(new Finished<ProvTaskUpdate, ProvTaskOutcome>[0]);

        private int held;

        /// <param name="log">Told of each request right before it is sent.</param>
        public ProvTaskSender(ProvTaskClient client, int batchSize, int throttleLimit = 1, ISendLog<ProvTaskUpdate>? log = null)
        {
            this.log = log;
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            batcher = new Batcher<ProvTaskUpdate>(batchSize, u => u.TaskId);
            throttle = new OrderedThrottle<Batch, IReadOnlyList<ProvTaskOutcome>>(throttleLimit, SendAsync, b => b.Updates.Select(u => u.TaskId));
        }

        /// <summary>Items taken and not yet handed back.</summary>
        public int Pending => held;

        /// <summary>Requests started so far.</summary>
        public int Requests { get; private set; }

        /// <summary>Takes the update; when that fills a batch, sends it (waiting for a slot) and hands back what is done.</summary>
        public Task<IReadOnlyList<Finished<ProvTaskUpdate, ProvTaskOutcome>>> AddAsync(ProvTaskUpdate update, CancellationToken cancellationToken)
        {
            held++;
            var batches = batcher.Add(update);

            // Most items only join the batch being filled: nothing to wait for, nothing done.
            return batches.Count == 0 ? NothingDone : StartAllAsync(batches, cancellationToken);
        }

        private async Task<IReadOnlyList<Finished<ProvTaskUpdate, ProvTaskOutcome>>> StartAllAsync(IReadOnlyList<IReadOnlyList<ProvTaskUpdate>> batches, CancellationToken cancellationToken)
        {
            var done = new List<Finished<ProvTaskUpdate, ProvTaskOutcome>>();
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

        public async Task<IReadOnlyList<Finished<ProvTaskUpdate, ProvTaskOutcome>>> FlushAsync(CancellationToken cancellationToken)
        {
            var rest = batcher.Drain();
            var done = new List<Finished<ProvTaskUpdate, ProvTaskOutcome>>();
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
        public Abandoned<ProvTaskUpdate, ProvTaskOutcome> Abandon()
        {
            var started = doneBeforeStop.Concat(Flatten(throttle.DrainAsync().GetAwaiter().GetResult())).ToList();
            doneBeforeStop.Clear();
            var never = unsent.Concat(batcher.Drain()).ToList();
            unsent.Clear();
            held = 0;
            return new Abandoned<ProvTaskUpdate, ProvTaskOutcome>(started, never);
        }

        private Task<IReadOnlyList<Finished<Batch, IReadOnlyList<ProvTaskOutcome>>>> StartAsync(IReadOnlyList<ProvTaskUpdate> items, bool lone, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Requests++;
            return throttle.AddAsync(new Batch(items, lone), cancellationToken);
        }

        private async Task<IReadOnlyList<ProvTaskOutcome>> SendAsync(Batch batch, CancellationToken cancellationToken)
        {
            if (log != null)
            {
                await log.SendingAsync(batch.Updates).ConfigureAwait(false);
            }

            return batch.Lone
                ? new[] { await client.UpdateOneAsync(batch.Updates[0], cancellationToken).ConfigureAwait(false) }
                : await client.UpdateAsync(batch.Updates, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Each batch's updates with their outcomes, or with the exception the batch's request ended with.</summary>
        private static List<Finished<ProvTaskUpdate, ProvTaskOutcome>> Flatten(IReadOnlyList<Finished<Batch, IReadOnlyList<ProvTaskOutcome>>> batches)
        {
            var items = new List<Finished<ProvTaskUpdate, ProvTaskOutcome>>();
            foreach (var done in batches)
            {
                for (var n = 0; n < done.Item.Updates.Count; n++)
                {
                    items.Add(done.Exception == null
                        ? new Finished<ProvTaskUpdate, ProvTaskOutcome>(done.Item.Updates[n], done.Result[n], null)
                        : new Finished<ProvTaskUpdate, ProvTaskOutcome>(done.Item.Updates[n], null!, done.Exception));
                }
            }

            return items;
        }

        private sealed class Batch
        {
            public Batch(IReadOnlyList<ProvTaskUpdate> updates, bool lone)
            {
                Updates = updates;
                Lone = lone;
            }

            public IReadOnlyList<ProvTaskUpdate> Updates { get; }

            public bool Lone { get; }
        }
    }
}
