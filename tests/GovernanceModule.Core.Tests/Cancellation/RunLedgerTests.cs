using System.Linq;
using GovernanceModule.Core.Bulk;
using Xunit;

namespace GovernanceModule.Core.Tests.Cancellation
{
    public sealed class RunLedgerTests
    {
        [Fact]
        public void The_stop_report_names_each_input_without_a_result_and_sums_every_input()
        {
            var ledger = new RunLedger();
            for (var i = 0; i < 7; i++)
            {
                ledger.CountRead();
            }

            ledger.CountInvalid();
            ledger.CountSkipped();
            ledger.CountWritten(2);
            ledger.CountStopped("Row 5: task 5 (Retry)", StoppedFate.OutcomeUnknown);
            ledger.CountStopped("Row 6: task 6 (Reassign)", StoppedFate.AnsweredNotWritten);
            ledger.CountStopped("Row 7: task 7 (Reassign)", StoppedFate.NotSent);

            var report = ledger.StopLines();

            Assert.Equal(0, ledger.Unaccounted);
            Assert.Equal(4, report.Count);
            Assert.StartsWith("Row 5: task 5 (Retry): sent, outcome unknown", report[0]);
            Assert.StartsWith("Row 6: task 6 (Reassign): sent and answered", report[1]);
            Assert.Equal("Row 7: task 7 (Reassign): not sent.", report[2]);
            Assert.Equal("Stopped after 7 inputs: 3 sent and answered, 1 sent with unknown outcome, 1 not sent, 1 refused as invalid, 1 skipped.", report[3]);
            Assert.StartsWith("1 change was with the server", ledger.Warning(null, "$GovernanceStopReport"));
            Assert.Contains("$GovernanceStopReport lists them", ledger.Warning(null, "$GovernanceStopReport"));
        }

        [Fact]
        public void An_input_in_no_bucket_is_reported_as_unaccounted_and_no_warning_without_unknown_outcomes()
        {
            var ledger = new RunLedger();
            ledger.CountRead();
            ledger.CountRead();
            ledger.CountWritten();

            Assert.Equal(1, ledger.Unaccounted);
            Assert.EndsWith("1 not accounted for (a defect: please report it).", ledger.StopLines().Last());
            Assert.Null(ledger.Warning(null, "$GovernanceStopReport"));
        }
    }
}
