using System;
using System.Collections.Generic;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Collects items into batches of at most the batch size, in input order. A batch never holds two items with the
    /// same key: results are matched to inputs by key, and a second change to the same task must follow the first.
    /// </summary>
    public sealed class Batcher<T>
    {
        private readonly int batchSize;
        private readonly Func<T, string> keyOf;
        private List<T> current = new List<T>();
        private HashSet<string> keys = new HashSet<string>(StringComparer.Ordinal);

        public Batcher(int batchSize, Func<T, string> keyOf)
        {
            if (batchSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), "The batch size must be at least 1.");
            }

            this.batchSize = batchSize;
            this.keyOf = keyOf;
        }

        private static readonly IReadOnlyList<IReadOnlyList<T>> NoneReady = new IReadOnlyList<T>[0];

        /// <summary>Adds an item and returns the batches that are now ready to send (none, one, or two).</summary>
        public IReadOnlyList<IReadOnlyList<T>> Add(T item)
        {
            List<IReadOnlyList<T>>? ready = null;
            if (!keys.Add(keyOf(item)))
            {
                ready = new List<IReadOnlyList<T>> { TakeCurrent() };
                keys.Add(keyOf(item));
            }

            current.Add(item);
            if (current.Count >= batchSize)
            {
                ready = ready ?? new List<IReadOnlyList<T>>();
                ready.Add(TakeCurrent());
            }

            return ready ?? NoneReady;
        }

        /// <summary>Returns what is left, possibly empty.</summary>
        public IReadOnlyList<T> Drain() => TakeCurrent();

        private IReadOnlyList<T> TakeCurrent()
        {
            var batch = current;
            current = new List<T>();
            keys = new HashSet<string>(StringComparer.Ordinal);
            return batch;
        }
    }
}
