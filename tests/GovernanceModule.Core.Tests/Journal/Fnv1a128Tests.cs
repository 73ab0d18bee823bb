using System.Text;
using GovernanceModule.Core.Journal;
using Xunit;

namespace GovernanceModule.Core.Tests.Journal
{
    public sealed class Fnv1a128Tests
    {
        [Theory]
        [InlineData("", "6c62272e07bb014262b821756295c58d")]
        [InlineData("a", "d228cb696f1a8caf78912b704e4a8964")]
        [InlineData("foobar", "343e1662793c64bf6f0d3597ba446f18")]
        public void Hashes_as_the_published_FNV_1a_128(string text, string expected)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(expected, Fnv1a128.Hex(bytes, bytes.Length));
        }
    }
}
