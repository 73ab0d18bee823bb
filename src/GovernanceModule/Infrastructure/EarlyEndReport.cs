using System.Management.Automation;
using GovernanceModule.Core.Bulk;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Tells the user, once, how a change run that ended early left each input: in the global variable
    /// <see cref="Variable"/>, and on the host's console too (the engine refuses every Write* once a pipeline is
    /// stopping): the lines with -Verbose, the warning unless warnings are silenced.
    /// </summary>
    internal sealed class EarlyEndReport
    {
        /// <summary>The global variable that holds the account of the last change command that ended early.</summary>
        private const string Variable = "GovernanceStopReport";

        private readonly GovernanceCmdlet cmdlet;
        private readonly bool warningWanted;

        /// <summary>Clears the account of the command before; a run that ends early sets it again.</summary>
        public EarlyEndReport(GovernanceCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
            cmdlet.SessionState.PSVariable.Set("global:" + Variable, null);
            warningWanted = GovernanceCmdlet.Shows(
                cmdlet.MyInvocation.BoundParameters.TryGetValue("WarningAction", out var warningAction) ? warningAction : cmdlet.GetVariableValue("WarningPreference"),
                ActionPreference.Continue);
        }

        /// <summary>Why the run ended before its input did, when it was not Ctrl+C.</summary>
        public string? Why { get; private set; }

        /// <summary>The first reason given is the one told.</summary>
        public void Because(string why) => Why = Why ?? why;

        /// <summary>Tells what <paramref name="ledger"/> holds; nothing when no input was read.</summary>
        public void Tell(RunLedger ledger)
        {
            if (ledger.Read == 0)
            {
                return;
            }

            cmdlet.FlushTrace();
            var report = ledger.Report(cmdlet.MyInvocation.MyCommand.Name, Why, "$" + Variable);
            cmdlet.SessionState.PSVariable.Set("global:" + Variable, report);
            if (cmdlet.VerboseWanted)
            {
                foreach (var line in report.Lines)
                {
                    cmdlet.ToHost(ui => ui.WriteVerboseLine(line));
                }
            }

            if (warningWanted && report.Warning != null)
            {
                cmdlet.ToHost(ui => ui.WriteWarningLine(report.Warning));
            }
        }
    }
}
