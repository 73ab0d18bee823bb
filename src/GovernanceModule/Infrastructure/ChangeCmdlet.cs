using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Results;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The path of every change, the same for the three APIs: read an input and validate it into a change (a bad one
    /// gets its error and the others go on), ask ShouldProcess on the pipeline thread, hand the change to the API's
    /// sender, and write exactly one outcome per input in input order as the sender hands them back. The sender knows
    /// only changes; this class keeps the inputs it handed over, in order, and pairs each with its outcome. A stopped
    /// run accounts for every input it read: through the host UI (the engine refuses every Write* once a pipeline is
    /// stopping), and as the global variable <see cref="StopReportVariable"/> for hosts without a console.
    /// </summary>
    /// <remarks>
    /// Seams: an input is read in <see cref="Accept"/>, a change goes to the sender (whose one send function makes
    /// each request) in <see cref="Hand"/>, and each outcome is written in <see cref="WriteFinished"/>.
    /// </remarks>
    public abstract class ChangeCmdlet<TConnection, TChange, TOutcome> : ConnectedCmdlet<TConnection>
        where TConnection : class, IApiConnection
        where TChange : IChange
        where TOutcome : IItemOutcome
    {
        /// <summary>The global variable that holds the account of the last stopped change command.</summary>
        private const string StopReportVariable = "GovernanceStopReport";

        private const int ProgressId = 0x474D;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();

        /// <summary>What became of each input; written out when the run is stopped.</summary>
        private readonly RunLedger ledger = new RunLedger();

        /// <summary>
        /// The inputs whose change the sender holds, in input order (the sender hands the changes back in the same
        /// order), each with what its result or error must name: the input as messages name it, such as
        /// "Row 7: task 1042 (Retry)", and the input object (a CSV row), the target of its error.
        /// </summary>
        private readonly Queue<Input> handed = new Queue<Input>();

        /// <summary>Outcomes handed back by the sender and not yet written; a stop while writing leaves some here.</summary>
        private readonly Queue<(Input Input, Finished<TChange, TOutcome> Done)> unwritten = new Queue<(Input, Finished<TChange, TOutcome>)>();

        private IChangeSender<TChange, TOutcome> sender = null!;
        private bool progressShown;
        private bool warningWanted = true;
        private bool stopReported;

        /// <summary>True when ShouldProcess would say yes to every input and show nothing, so it is not asked.</summary>
        private bool alwaysYes;

        /// <summary>The input being validated (the sender does not have it), or being handed to the sender (waiting for a slot).</summary>
        private Input? outside;

        /// <summary>The parameters given on the command line: only they are bound before the first input.</summary>
        private ICollection<string> commandLine = new string[0];

        /// <summary>How the columns of a CSV row are checked before the first row is sent; null for a cmdlet that reads no CSV rows.</summary>
        private protected virtual ColumnCheck? Columns => null;

        /// <summary>The sender Core gives this API's changes.</summary>
        protected abstract IChangeSender<TChange, TOutcome> CreateSender();

        /// <summary>
        /// The inputs of this ProcessRecord call, each as the target its error will carry: the pipeline object (a CSV
        /// row), else the id given.
        /// </summary>
        protected abstract IEnumerable<object> Targets();

        /// <summary>
        /// Reads and validates one input into the change to send; may read from the server through <see cref="ReadForChange"/>.
        /// Throws <see cref="InputValidationException"/> or ApiException; the row is put in front of its message here.
        /// </summary>
        protected abstract TChange Validate(object target);

        protected override void BeginProcessing()
        {
            commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            base.BeginProcessing();
            warningWanted = Shows(
                MyInvocation.BoundParameters.TryGetValue("WarningAction", out var warningAction) ? warningAction : GetVariableValue("WarningPreference"),
                ActionPreference.Continue);
            alwaysYes = ShouldProcessShortcut.AlwaysYes(this, VerboseWanted);
            sender = CreateSender();
        }

        /// <summary>Which values of the current input were given; <paramref name="selectsOnly"/> when the pipeline object only names what to change.</summary>
        internal GivenValues Given(PSObject? inputObject, bool selectsOnly) => new GivenValues(commandLine, inputObject, selectsOnly);

        /// <summary>Waits for a read the validation of the input named <paramref name="name"/> needs; a stop meanwhile counts it as not sent.</summary>
        protected TChange ReadForChange(string name, Func<CancellationToken, Task<TChange>> read)
        {
            if (outside is Input input)
            {
                outside = new Input(input.Number, input.Name + ": " + name, input.Target);
            }

            return WaitFor(read);
        }

        protected override void ProcessRecord()
        {
            foreach (var target in Targets())
            {
                Accept(target);
            }
        }

        protected override void EndProcessing()
        {
            WriteFinished(WaitFor(ct => sender.FlushAsync(ct)));
            if (progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        protected override PipelineStoppedException Stopped()
        {
            ReportStop();
            return base.Stopped();
        }

        /// <summary>A stop that came while no request was running (between inputs, or while a result was being written) is accounted for here.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing && StopRequested)
            {
                ReportStop();
            }

            base.Dispose(disposing);
        }

        private void Accept(object target)
        {
            ledger.CountRead();
            var row = MyInvocation.ExpectingInput ? "Row " + ledger.Read : "Input";
            outside = new Input(ledger.Read, row, target);
            if (ledger.Read == 1 && Columns?.Problem(target as PSObject) is string problem)
            {
                // Every row has the header's columns: one error for the file, before anything is sent.
                outside = null;
                ThrowTerminatingError(ErrorRecords.InvalidColumns(new InvalidDataException(problem), Api, target));
            }

            TChange change;
            try
            {
                change = Validate(target);
            }
            catch (InputValidationException ex)
            {
                outside = null;
                ledger.CountInvalid();
                // The row only where the user needs it: for pipeline input.
                WriteError(ErrorRecords.InvalidInput(ex.ForInput(MyInvocation.ExpectingInput ? row : null), Api, target));
                return;
            }
            catch (ApiException ex)
            {
                // Validating read from the server and failed: that is the input's outcome. A read's message says what it read.
                outside = null;
                ledger.CountWritten();
                ThrowIfTerminating(ex);
                WriteError(ErrorRecords.ForItem(ItemFailure.From(ex), Api, row + ": " + ex.Message, target));
                return;
            }

            var input = new Input(ledger.Read, row + ": " + change.Name, target);
            if (!alwaysYes && change.Description is string action && !ShouldProcess(change.Subject + " (" + ActiveConnection.Uri.Authority + ")", action))
            {
                outside = null;
                ledger.CountSkipped();
                return;
            }

            Hand(input, change);
        }

        /// <summary>Hands the change to the sender; until it is taken, it may wait for a slot and is not the sender's yet.</summary>
        private void Hand(Input input, TChange change)
        {
            outside = input;
            var done = WaitFor(ct => sender.AddAsync(change, ct));
            outside = null;
            handed.Enqueue(input);
            WriteFinished(done);
        }

        /// <summary>Pairs each change handed back with its input, in order, and writes its result or error.</summary>
        private void WriteFinished(IReadOnlyList<Finished<TChange, TOutcome>> finished)
        {
            foreach (var done in finished)
            {
                unwritten.Enqueue((handed.Dequeue(), done));
            }

            while (unwritten.Count > 0)
            {
                var (input, done) = unwritten.Peek();
                switch (done.Exception)
                {
                    case null:
                        Write(input, done.Result.Written, done.Result.Failed);
                        break;
                    case OperationCanceledException _:
                        throw Stopped();
                    case ApiException api:
                        ThrowIfTerminating(api);
                        Write(input, null, ItemFailure.From(api));
                        break;
                    default:
                        WriteError(ErrorRecords.Failed(done.Exception, Api, input.Target));
                        break;
                }

                unwritten.Dequeue();
                ledger.CountWritten();
            }

            if (finished.Count > 0 && sinceProgress.Elapsed >= ProgressInterval)
            {
                sinceProgress.Restart();
                progressShown = true;
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, ledger.Read + " inputs read, " + ledger.Written + " done, " + sender.Pending + " waiting"));
            }
        }

        private void Write(Input input, object? written, ItemFailure? failure)
        {
            if (written != null)
            {
                if (written is INumberedResult numbered)
                {
                    numbered.Row = input.Number;
                }

                WriteObject(written);
            }

            if (failure != null)
            {
                WriteError(ErrorRecords.ForItem(failure, Api, input.Name + " failed: " + failure.Reason, input.Target));
            }
        }

        /// <summary>Accounts for every input of the stopped run, once: in the ledger, then to the host and <see cref="StopReportVariable"/>.</summary>
        private void ReportStop()
        {
            if (stopReported)
            {
                return;
            }

            stopReported = true;
            CloseStreams();
            AccountForStop();
            if (ledger.Read == 0)
            {
                return;
            }

            FlushTrace();
            var report = ledger.Report(MyInvocation.MyCommand.Name);
            SessionState.PSVariable.Set("global:" + StopReportVariable, report);
            if (VerboseWanted)
            {
                foreach (var line in report.Lines)
                {
                    ToHost(ui => ui.WriteVerboseLine(line));
                }
            }

            if (warningWanted && report.Warning != null)
            {
                ToHost(ui => ui.WriteWarningLine(report.Warning));
            }
        }

        /// <summary>
        /// Records in the ledger the inputs that have no result yet, in input order: those handed back and not written,
        /// those whose request started (waited for: cancelled, they end at once), those never sent, and the input
        /// outside the sender, which comes after every input in it.
        /// </summary>
        private void AccountForStop()
        {
            var abandoned = sender?.Abandon();
            foreach (var (written, done) in unwritten)
            {
                ledger.CountStopped(written.Name, FateOf(done), written.Target);
            }

            unwritten.Clear();
            foreach (var done in abandoned?.Started ?? new Finished<TChange, TOutcome>[0])
            {
                var started = handed.Dequeue();
                ledger.CountStopped(started.Name, FateOf(done), started.Target);
            }

            foreach (var unsent in handed)
            {
                ledger.CountStopped(unsent.Name, StoppedFate.NotSent, unsent.Target);
            }

            handed.Clear();
            if (outside is Input input)
            {
                ledger.CountStopped(input.Name, StoppedFate.NotSent, input.Target);
                outside = null;
            }
        }

        private static StoppedFate FateOf(Finished<TChange, TOutcome> done) =>
            done.Exception is OperationCanceledException stopped ? RunLedger.FateOf(stopped) : StoppedFate.AnsweredNotWritten;

        /// <summary>An input as its result, error or stop account names it, and the input object itself (a CSV row).</summary>
        private sealed class Input
        {
            public Input(int number, string name, object target)
            {
                Number = number;
                Name = name;
                Target = target;
            }

            /// <summary>The input's number: 1 for the first input the command read.</summary>
            public int Number { get; }

            /// <summary>"Row 7: task 1042 (Retry)"; while the input is validated, only "Row 7".</summary>
            public string Name { get; }

            public object Target { get; }
        }
    }
}
