using System;
using System.Diagnostics;
using System.Management.Automation;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The progress bar of a long run: shown at most every quarter second, and closed at the end if it was shown.</summary>
    internal sealed class RunProgress
    {
        private const int ProgressId = 0x474D;
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch sinceShown = Stopwatch.StartNew();
        private readonly PSCmdlet cmdlet;
        private bool shown;

        public RunProgress(PSCmdlet cmdlet) => this.cmdlet = cmdlet;

        public void Show(Func<string> status)
        {
            if (sinceShown.Elapsed >= Interval)
            {
                sinceShown.Restart();
                shown = true;
                cmdlet.WriteProgress(new ProgressRecord(ProgressId, cmdlet.MyInvocation.MyCommand.Name, status()));
            }
        }

        public void Done()
        {
            if (shown)
            {
                cmdlet.WriteProgress(new ProgressRecord(ProgressId, cmdlet.MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
