using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Runs work for a stream of items with at most Limit in flight, and hands back every item's outcome exactly once,
    /// in input order, as soon as it and all items before it are done. For APIs without a bulk endpoint: the
    /// concurrent counterpart of <see cref="Batcher{T}"/>.
    /// </summary>
    /// <remarks>
    /// One caller at a time (the pipeline thread): <see cref="AddAsync"/> and <see cref="DrainAsync"/> are not to be
    /// called concurrently. Finished outcomes wait behind an unfinished earlier item, at most <see cref="MaxWaiting"/>
    /// of them, so memory stays bounded however long the input. With keys (the tasks a bulk request names), an item
    /// that shares a key with an item in flight waits until that item is done before it starts: two changes to one
    /// key are applied in input order, and no two items in flight ever share a key.
    /// </remarks>
    public sealed class OrderedThrottle<TIn, TOut> : IChangeSender<TIn, TOut>
    {
        private readonly Func<TIn, CancellationToken, Task<TOut>> work;
        private readonly Func<TIn, IEnumerable<string>>? keysOf;

        /// <summary>For each key of an item started and not yet taken from the window, the last such item's run.</summary>
        private readonly Dictionary<string, Task<Finished<TIn, TOut>>> byKey = new Dictionary<string, Task<Finished<TIn, TOut>>>(StringComparer.Ordinal);
        private readonly SemaphoreSlim slots;
        private readonly Queue<Task<Finished<TIn, TOut>>> window = new Queue<Task<Finished<TIn, TOut>>>();

        /// <summary>
        /// Outcomes taken from the window and not yet handed back. A field, not a local of <see cref="AddAsync"/>, so
        /// that a cancelled wait for a slot does not drop them: <see cref="DrainAsync"/> hands them back.
        /// </summary>
        private List<Finished<TIn, TOut>> ready = new List<Finished<TIn, TOut>>();

        public OrderedThrottle(int limit, Func<TIn, CancellationToken, Task<TOut>> work)
            : this(limit, work, null)
        {
        }

        /// <param name="keysOf">The keys of an item; an item waits for every earlier item in flight that shares one.</param>
        public OrderedThrottle(int limit, Func<TIn, CancellationToken, Task<TOut>> work, Func<TIn, IEnumerable<string>>? keysOf)
        {
            this.keysOf = keysOf;
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "The throttle limit must be at least 1.");
            }

            Limit = limit;
            MaxWaiting = limit * 4;
            this.work = work ?? throw new ArgumentNullException(nameof(work));
            slots = new SemaphoreSlim(limit, limit);
        }

        /// <summary>Most items in flight at once.</summary>
        public int Limit { get; }

        /// <summary>Most items started and not yet handed back.</summary>
        public int MaxWaiting { get; }

        /// <summary>Items started and not yet handed back.</summary>
        public int Pending => window.Count + ready.Count;

        /// <summary>
        /// Starts the item once a slot is free, and returns the outcomes that are ready to hand back (possibly none),
        /// in input order. <paramref name="cancellationToken"/> cancels the wait for a slot and the item's work.
        /// </summary>
        public async Task<IReadOnlyList<Finished<TIn, TOut>>> AddAsync(TIn item, CancellationToken cancellationToken)
        {
            TakeFinished();
            while (window.Count >= MaxWaiting)
            {
                await window.Peek().ConfigureAwait(false);
                TakeFinished();
            }

            var keys = keysOf == null ? null : new List<string>(keysOf(item));
            if (keys != null)
            {
                foreach (var key in keys)
                {
                    if (byKey.TryGetValue(key, out var earlier) && !earlier.IsCompleted)
                    {
                        // Cancelled, the earlier item's work ends at once, and so does this wait.
                        await earlier.ConfigureAwait(false);
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                // Cancelling the items in flight frees their slots, and one may go to this waiter before its own
                // cancellation: the item is still not started.
                slots.Release();
                cancellationToken.ThrowIfCancellationRequested();
            }

            var run = RunAsync(item, cancellationToken);
            window.Enqueue(run);
            if (keys != null)
            {
                foreach (var key in keys)
                {
                    byKey[key] = run;
                }
            }

            TakeFinished();
            return HandBack();
        }

        /// <summary>Waits for every item still pending and returns their outcomes in input order.</summary>
        public async Task<IReadOnlyList<Finished<TIn, TOut>>> DrainAsync()
        {
            while (window.Count > 0)
            {
                await window.Peek().ConfigureAwait(false);
                TakeFinished();
            }

            return HandBack();
        }

        Task<IReadOnlyList<Finished<TIn, TOut>>> IChangeSender<TIn, TOut>.FlushAsync(CancellationToken cancellationToken) => DrainAsync();

        /// <summary>Cancelled by the caller's token, the items in flight end at once; none is held back unsent.</summary>
        Abandoned<TIn, TOut> IChangeSender<TIn, TOut>.Abandon() => new Abandoned<TIn, TOut>(DrainAsync().GetAwaiter().GetResult(), new TIn[0]);

        private IReadOnlyList<Finished<TIn, TOut>> HandBack()
        {
            var handed = ready;
            ready = new List<Finished<TIn, TOut>>();
            return handed;
        }

        private void TakeFinished()
        {
            while (window.Count > 0 && window.Peek().IsCompleted)
            {
                var run = window.Dequeue();
                ready.Add(run.Result);
                if (keysOf != null)
                {
                    foreach (var key in keysOf(run.Result.Item))
                    {
                        if (byKey.TryGetValue(key, out var last) && last == run)
                        {
                            byKey.Remove(key);
                        }
                    }
                }
            }
        }

        /// <summary>Never faults: a failure becomes the item's outcome, so that no item is lost or reported twice.</summary>
        private async Task<Finished<TIn, TOut>> RunAsync(TIn item, CancellationToken cancellationToken)
        {
            try
            {
                // Task.Run keeps any synchronous start of the work off the caller's thread.
                var result = await Task.Run(() => work(item, cancellationToken), cancellationToken).ConfigureAwait(false);
                return new Finished<TIn, TOut>(item, result, null);
            }
            catch (Exception ex)
            {
                return new Finished<TIn, TOut>(item, default!, ex);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
