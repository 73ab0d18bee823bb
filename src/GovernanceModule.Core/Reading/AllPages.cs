using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GovernanceModule.Core.Reading
{
    /// <summary>
    /// Reads every page of an offset-paged list before any item is handed on. A change piped from the list can move
    /// items out of its filter (a retried task is no longer Rejected); if pages were read while those changes were
    /// applied, the next offset would skip as many matching items as had left. Neither API offers a stable key to page
    /// by, so the whole list is read first. An item a shifting list shows twice is kept once, at its first place.
    /// </summary>
    public static class AllPages
    {
        /// <param name="readPage">Reads the page at an offset: its items, whether more follow, and the offset of the next page.</param>
        /// <param name="keyOf">The item's id, by which repeats are recognised.</param>
        public static async Task<IReadOnlyList<T>> ReadAsync<T>(
            int firstOffset,
            Func<int, CancellationToken, Task<(IReadOnlyList<T> Items, bool HasMore, int NextOffset)>> readPage,
            Func<T, string> keyOf,
            CancellationToken cancellationToken)
        {
            var items = new List<T>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var offset = firstOffset;
            while (true)
            {
                var page = await readPage(offset, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    if (seen.Add(keyOf(item)))
                    {
                        items.Add(item);
                    }
                }

                if (!page.HasMore)
                {
                    return items;
                }

                offset = page.NextOffset;
            }
        }
    }
}
