using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Reading;
using Xunit;

namespace GovernanceModule.Core.Tests.Reading
{
    public sealed class AllPagesTests
    {
        [Fact]
        public async Task Every_page_is_read_before_the_items_are_returned_and_an_item_a_shifting_list_repeats_is_kept_once()
        {
            // Someone else's change moves "c" back a page between the two reads: the second page shows it again.
            var pages = new Dictionary<int, (IReadOnlyList<string>, bool, int)>
            {
                [0] = (new[] { "a", "b", "c" }, true, 3),
                [3] = (new[] { "c", "d" }, false, 5),
            };
            var offsets = new List<int>();

            var items = await AllPages.ReadAsync(
                0,
                (offset, ct) =>
                {
                    offsets.Add(offset);
                    return Task.FromResult(pages[offset]);
                },
                s => s,
                CancellationToken.None);

            Assert.Equal(new[] { 0, 3 }, offsets);
            Assert.Equal(new[] { "a", "b", "c", "d" }, items);
        }
    }
}
