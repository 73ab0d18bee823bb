using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Core.Bulk;
using Xunit;

namespace GovernanceModule.Core.Tests.Bulk
{
    public sealed class BatcherTests
    {
        [Fact]
        public void Batches_are_full_sized_and_keep_input_order()
        {
            var batcher = new Batcher<string>(3, x => x);
            var batches = new List<IReadOnlyList<string>>();
            foreach (var item in Enumerable.Range(1, 8).Select(i => i.ToString()))
            {
                batches.AddRange(batcher.Add(item));
            }

            batches.Add(batcher.Drain());
            Assert.Equal(new[] { "1,2,3", "4,5,6", "7,8" }, batches.Select(b => string.Join(",", b)));
        }

        [Fact]
        public void A_repeated_key_starts_a_new_batch()
        {
            var batcher = new Batcher<(string Id, string Change)>(10, x => x.Id);
            Assert.Empty(batcher.Add(("6", "note")));
            Assert.Empty(batcher.Add(("7", "note")));
            var ready = batcher.Add(("6", "retry"));
            Assert.Single(ready);
            Assert.Equal(new[] { "6", "7" }, ready[0].Select(x => x.Id));
            Assert.Equal(new[] { ("6", "retry") }, batcher.Drain());
        }

        [Fact]
        public void Drain_of_an_empty_batcher_is_empty()
        {
            Assert.Empty(new Batcher<string>(5, x => x).Drain());
        }
    }
}
