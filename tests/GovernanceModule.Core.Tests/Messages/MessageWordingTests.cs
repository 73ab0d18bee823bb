using GovernanceModule.Core.Nerm;
using Xunit;

namespace GovernanceModule.Core.Tests.Messages
{
    public sealed class MessageWordingTests
    {
        [Theory]
        [InlineData("aproved", "approved")]
        [InlineData("Pending Approval", "pending_approval")]
        [InlineData("auth-status", "AUTH-STATUS1")]
        public void A_wrong_value_of_a_long_list_is_answered_with_its_closest_values_first(string given, string first)
        {
            var text = ValidValues.Describe(WorkflowSessionStatuses.All, given, "see the help");

            Assert.StartsWith("Closest valid values: " + first + ", ", text);
            Assert.EndsWith("(all 61: see the help).", text);
            Assert.Equal(ValidValues.Closest, text.Split('(')[0].Split(',').Length);
        }

        [Fact]
        public void A_short_list_is_named_in_full()
        {
            Assert.Equal("Valid values: User, NeprofileUser, NeaccessUser, NeaccessRegistrant.", ValidValues.Describe(WorkflowSessionStatuses.RequesterTypes, "Admin", "unused"));
        }

        [Theory]
        [InlineData(0, "0 tasks")]
        [InlineData(1, "1 task")]
        [InlineData(2, "2 tasks")]
        public void Counts_take_the_noun_in_the_right_number(int count, string expected) => Assert.Equal(expected, Plural.Of(count, "task", "tasks"));
    }
}
