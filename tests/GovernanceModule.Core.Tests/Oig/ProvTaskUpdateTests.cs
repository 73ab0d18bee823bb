using System.Collections;
using GovernanceModule.Core.Oig;
using Xunit;

namespace GovernanceModule.Core.Tests.Oig
{
    /// <summary>How one CSV row becomes a change, or an error that names the row and what would be valid.</summary>
    public sealed class ProvTaskUpdateTests
    {
        [Theory]
        [InlineData("23", null, null, ProvTaskAction.Reassign)]
        [InlineData(null, "a note", null, ProvTaskAction.SetNote)]
        [InlineData(null, null, "VALIDATION_FAILED", ProvTaskAction.SetResponse)]
        [InlineData("  ", "a note", "", ProvTaskAction.SetNote)]
        public void Action_is_inferred_from_the_one_filled_column(string? assignee, string? note, string? response, ProvTaskAction expected)
        {
            var update = ProvTaskUpdate.From(new ProvTaskInput { TaskId = "6", Action = "", Assignee = assignee, Note = note, Response = response });
            Assert.Equal(expected, update.Action);
        }

        [Fact]
        public void Field_alone_means_the_older_update_form()
        {
            var update = ProvTaskUpdate.From(new ProvTaskInput { TaskId = "5126", Field = new Hashtable { ["Process Instance.Task Details.Note"] = "x" } });
            Assert.Equal(ProvTaskAction.Update, update.Action);
        }

        [Theory]
        [InlineData("reassign", ProvTaskAction.Reassign)]
        [InlineData("SETNOTE", ProvTaskAction.SetNote)]
        [InlineData("set-note", ProvTaskAction.SetNote)]
        [InlineData(" Retry ", ProvTaskAction.Retry)]
        public void Action_names_are_read_without_regard_to_case(string text, ProvTaskAction expected)
        {
            var input = new ProvTaskInput { TaskId = "6", Action = text };
            if (expected == ProvTaskAction.SetNote)
            {
                input.Note = "n";
            }

            if (expected == ProvTaskAction.Reassign)
            {
                input.Assignee = "23";
            }

            Assert.Equal(expected, ProvTaskUpdate.From(input).Action);
        }

        [Fact]
        public void Empty_task_id_names_the_row_and_the_columns()
        {
            var ex = Assert.Throws<InputValidationException>(() => ProvTaskUpdate.From(new ProvTaskInput { TaskId = "  ", Note = "x" })).ForInput("Row 7");
            Assert.Equal("TaskId", ex.ParameterName);
            Assert.StartsWith("Row 7: TaskId is empty", ex.Message);
            Assert.Contains("ProvTaskId", ex.Message);
        }

        [Fact]
        public void Unknown_action_lists_the_valid_ones()
        {
            var ex = Assert.Throws<InputValidationException>(() => ProvTaskUpdate.From(new ProvTaskInput { TaskId = "6", Action = "Approve" })).ForInput("Row 2");
            Assert.Equal("Action", ex.ParameterName);
            Assert.Contains("Row 2 (task 6)", ex.Message);
            Assert.Contains("'Approve'", ex.Message);
            Assert.Contains("Reassign, SetNote, SetResponse, Retry, Update", ex.Message);
        }

        [Fact]
        public void Action_missing_its_value_says_what_it_needs()
        {
            var ex = Assert.Throws<InputValidationException>(() => ProvTaskUpdate.From(new ProvTaskInput { TaskId = "3009", Action = "Reassign" })).ForInput("Row 3");
            Assert.Equal("Assignee", ex.ParameterName);
            Assert.Contains("action Reassign needs Assignee", ex.Message);
        }

        [Fact]
        public void Two_filled_columns_without_action_are_ambiguous()
        {
            var ex = Assert.Throws<InputValidationException>(() => ProvTaskUpdate.From(new ProvTaskInput { TaskId = "3009", Assignee = "23", Note = "n" })).ForInput("Row 5");
            Assert.Contains("ambiguous", ex.Message);
            Assert.Contains("Assignee, Note", ex.Message);
        }

        [Fact]
        public void A_column_the_named_action_does_not_use_is_refused()
        {
            var ex = Assert.Throws<InputValidationException>(() => ProvTaskUpdate.From(new ProvTaskInput { TaskId = "3009", Action = "Retry", Note = "n" })).ForInput("Row 6");
            Assert.Equal("Note", ex.ParameterName);
            Assert.Contains("does not use Note", ex.Message);
        }

        [Fact]
        public void A_row_with_nothing_to_do_is_refused_rather_than_retried()
        {
            var ex = Assert.Throws<InputValidationException>(() => ProvTaskUpdate.From(new ProvTaskInput { TaskId = "3009" })).ForInput("Row 8");
            Assert.Contains("nothing to do", ex.Message);
        }

        [Fact]
        public void Retry_is_the_only_action_that_is_not_idempotent()
        {
            Assert.False(ProvTaskUpdate.Create("6", ProvTaskAction.Retry).IsIdempotent);
            Assert.True(ProvTaskUpdate.From(new ProvTaskInput { TaskId = "6", Note = "n" }).IsIdempotent);
        }
    }
}
