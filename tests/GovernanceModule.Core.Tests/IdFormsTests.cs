using Xunit;

namespace GovernanceModule.Core.Tests
{
    /// <summary>The id forms checked before sending: what passes, what is refused, and how two ids in one cell are named.</summary>
    public sealed class IdFormsTests
    {
        [Theory]
        [InlineData("3009")]
        [InlineData("6")]
        [InlineData("0005126")]
        public void OigTaskIdsAreDigits(string id) => IdForms.CheckOigTaskId(id, "TaskId", "task " + id);

        [Theory]
        [InlineData("../6", "TaskId '../6' is not an OIG task id: task ids are digits, such as 3009.")]
        [InlineData("%36", "TaskId '%36' is not an OIG task id")]
        [InlineData("6a", "task ids are digits")]
        [InlineData("Approve Laptop", "TaskId 'Approve Laptop' is not an OIG task id")]
        [InlineData("3009;3016", "TaskId looks like several ids (3009, 3016): give each its own row, one row per task.")]
        [InlineData("3009, 3016", "looks like several ids (3009, 3016)")]
        [InlineData("3009 3016\t6", "looks like several ids (3009, 3016, 6)")]
        [InlineData("3009|3016", "looks like several ids")]
        public void OtherOigTaskIdsAreRefusedNamingTheRow(string id, string says)
        {
            var refused = Assert.Throws<InputValidationException>(() => IdForms.CheckOigTaskId(id, "TaskId", "task " + id)).ForInput("Row 4");
            Assert.StartsWith("Row 4 (task " + id + "): ", refused.Message);
            Assert.Contains(says, refused.Message);
            Assert.Equal("TaskId", refused.ParameterName);
        }

        [Theory]
        [InlineData("2c9180835d191a86015d28455b4a2329")]
        [InlineData("2C9180835D191A86015D28455B4A2329")]
        public void IscSourceIdsAre32HexCharacters(string id) => IdForms.CheckIscSourceId(id, "SourceId", null);

        [Theory]
        [InlineData("2c9180835d191a86", "is not an ISC source id: source ids are 32 hexadecimal characters, such as 2c9180835d191a86015d28455b4a2329.")]
        [InlineData("../2c9180835d191a86015d28455b4a2329", "32 hexadecimal characters")]
        [InlineData("2c9180835d191a86015d28455b4a232g", "32 hexadecimal characters")]
        [InlineData("2c9180835d191a86015d28455b4a2329;2c9180835d191a86015d28455b4a2330", "looks like several ids")]
        public void OtherIscSourceIdsAreRefused(string id, string says)
        {
            var refused = Assert.Throws<InputValidationException>(() => IdForms.CheckIscSourceId(id, "SourceId", null)).ForInput("Row 2");
            Assert.StartsWith("Row 2: SourceId", refused.Message);
            Assert.Contains(says, refused.Message);
        }

        [Fact]
        public void SeveralIdsNeedsEveryPartValid() =>
            Assert.Null(IdForms.SeveralIds("3009;x", IdForms.IsOigTaskId, "TaskId", "task"));
    }
}
