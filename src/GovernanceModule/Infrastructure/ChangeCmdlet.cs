using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    /// only changes; <see cref="HandedInputs{TChange,TOutcome}"/> keeps the inputs handed over, in order, and pairs each with its outcome.
    /// However the run ends early (Ctrl+C, refused credentials or another terminating error, a later command that
    /// takes no more results), it goes through one account: requests in flight are awaited (cancelled by Ctrl+C,
    /// their fate is stated), and every input read has its result, its own error, or a line in the account that
    /// <see cref="EarlyEndReport"/> tells. With -JournalPath, <see cref="JournaledRun{TChange}"/> records the run ahead of
    /// every request and resumes the run an earlier one left on the journal; without it, that part is null and nothing
    /// is recorded or held back.
    /// </summary>
    /// <remarks>
    /// Seams: an input is read in <see cref="Accept"/> (a resume checks it against the journal there, and may hold it
    /// back until the journal's last row is read), goes on in <see cref="Dispatch"/> (a resume writes a recorded outcome
    /// again there, or asks <see cref="SendAgain"/> about a change sent without an answer), a change goes to the sender
    /// (whose one send function makes each request, telling <see cref="SendLog"/> first) in <see cref="Hand"/>, and each
    /// outcome is written in <see cref="WriteFinished"/>.
    /// </remarks>
    public abstract class ChangeCmdlet<TConnection, TChange, TOutcome> : ConnectedCmdlet<TConnection>
        where TConnection : class, IApiConnection
        where TChange : class, IChange
        where TOutcome : IItemOutcome
    {
        /// <summary>What became of each input; written out when the run ends early.</summary>
        private readonly RunLedger ledger = new RunLedger();

        private readonly HandedInputs<TChange, TOutcome> handed = new HandedInputs<TChange, TOutcome>();

        private IChangeSender<TChange, TOutcome> sender = null!;

        /// <summary>The run's journal, with -JournalPath; else null, and nothing is recorded or held back.</summary>
        private JournaledRun<TChange>? journaled;

        private RunProgress progress = null!;
        private bool stopReported;

        /// <summary>Made by BeginProcessing; before it, nothing was read and there is nothing to tell.</summary>
        private EarlyEndReport? earlyEnd;

        /// <summary>The error that ended the run under -ErrorAction Stop; null otherwise.</summary>
        private ErrorRecord? stoppedBy;

        /// <summary>False once nothing more can be written: the pipeline is stopping, or a later command took no more.</summary>
        private bool canWrite = true;

        /// <summary>True when ShouldProcess would say yes to every input and show nothing, so it is not asked.</summary>
        private bool alwaysYes;

        /// <summary>The input being validated or dispatched (the sender does not have it), or being handed to the sender (waiting for a slot).</summary>
        private ChangeInput<TChange>? outside;

        /// <summary>The parameters given on the command line: only they are bound before the first input.</summary>
        private ICollection<string> commandLine = new string[0];

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>How the columns of a CSV row are checked before the first row is sent; null for a cmdlet that reads no CSV rows.</summary>
        private protected virtual ColumnCheck? Columns => null;

        /// <summary>What the sender tells of each request before it is sent: the journal, with -JournalPath; else null.</summary>
        protected ISendLog<TChange>? SendLog => journaled?.SendLog;

        /// <summary>The sender Core gives this API's changes, told of each request through <see cref="SendLog"/>.</summary>
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

        /// <summary>
        /// A change an earlier run sent without learning whether it applied: the change to send again (it is idempotent,
        /// or the server shows it did not apply), or null when the server cannot tell; then it is never sent twice.
        /// May read from the server through <see cref="GovernanceCmdlet.WaitFor{T}"/>.
        /// </summary>
        protected abstract TChange? SendAgain(TChange change);

        protected override void BeginProcessing()
        {
            commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            base.BeginProcessing();
            earlyEnd = new EarlyEndReport(this);
            progress = new RunProgress(this);
            alwaysYes = ShouldProcessShortcut.AlwaysYes(this, VerboseWanted);
            // -WhatIf sends nothing, so it neither writes a journal nor resumes one.
            if (JournalPath != null && !WhatIfWanted())
            {
                journaled = JournaledRun<TChange>.Open(this, JournalPath, ActiveConnection.Uri, commandLine, EndWith);
            }

            sender = CreateSender();
        }

        private bool WhatIfWanted() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) ? ((SwitchParameter)whatIf).IsPresent : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>Which values of the current input were given; <paramref name="selectsOnly"/> when the pipeline object only names what to change.</summary>
        internal GivenValues Given(PSObject? inputObject, bool selectsOnly) => new GivenValues(commandLine, inputObject, selectsOnly);

        /// <summary>Waits for a read the validation of the input named <paramref name="name"/> needs; a stop meanwhile counts it as not sent.</summary>
        protected TChange ReadForChange(string name, Func<CancellationToken, Task<TChange>> read)
        {
            if (outside is ChangeInput<TChange> input)
            {
                outside = input.Named(input.Name + ": " + name);
            }

            return WaitFor(read);
        }

        protected override void ProcessRecord() => EndingEarlyIfNeeded(() =>
        {
            foreach (var target in Targets())
            {
                Accept(target);
            }
        });

        protected override void EndProcessing() => EndingEarlyIfNeeded(() =>
        {
            journaled?.InputEnded(ledger.Read, Dispatch);
            WriteFinished(WaitFor(ct => sender.FlushAsync(ct)));
            progress.Done();
        });

        protected override PipelineStoppedException Stopped()
        {
            canWrite = false;
            ReportStop();
            return base.Stopped();
        }

        /// <summary>A stop that came while no request was running (between inputs, or while a result was being written) is accounted for here.</summary>
        protected override void Dispose(bool disposing)
        {
            try
            {
                if (disposing && StopRequested)
                {
                    canWrite = false;
                    ReportStop();
                }
            }
            finally
            {
                if (disposing)
                {
                    journaled?.Dispose();
                }

                base.Dispose(disposing);
            }
        }

        /// <summary>Runs <paramref name="body"/>; a later command that takes no more results, or any other exception, ends the run through the one account.</summary>
        private void EndingEarlyIfNeeded(Action body)
        {
            try
            {
                body();
            }
            catch (PipelineStoppedException) when (!StopRequested)
            {
                // An error under -ErrorAction Stop, or a later command (Select-Object -First) that took no more: nothing more can be written.
                canWrite = false;
                ReportEarlyEnd(stoppedBy == null ? "a later command in the pipeline took no more results" : "-ErrorAction Stop: " + stoppedBy.Exception.Message);
                throw;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException))
            {
                ReportEarlyEnd(ex.Message);
                throw;
            }
        }

        /// <summary>Ends the run through the one account, then with <paramref name="error"/>.</summary>
        private void EndWith(ErrorRecord error)
        {
            ReportEarlyEnd(error.Exception.Message);
            ThrowTerminatingError(error);
        }

        private void ReportEarlyEnd(string why)
        {
            earlyEnd?.Because(why);
            ReportStop();
        }

        private void Accept(object target)
        {
            ledger.CountRead();
            var number = ledger.Read;
            var row = MyInvocation.ExpectingInput ? "Row " + number : "Input";
            var input = outside = new ChangeInput<TChange>(number, row, target);
            if (number == 1 && Columns?.Problem(target as PSObject) is string problem)
            {
                // Every row has the header's columns: one error for the file, before anything is sent.
                outside = null;
                ThrowTerminatingError(ErrorRecords.InvalidColumns(new InvalidDataException(problem), Api, target));
            }

            // A row an earlier run finished is written again as it was: it is neither validated nor read from the server.
            var before = input.Before = journaled?.ReadAgain(input);
            ApiException? refusedCredentials = null;
            if (!ChangeInput<TChange>.Finished(before))
            {
                try
                {
                    input = input.Valid(Validate(target));
                }
                catch (InputValidationException ex)
                {
                    // The row only where the user needs it: for pipeline input.
                    input = input.Refused(ErrorRecords.InvalidInput(ex.ForInput(MyInvocation.ExpectingInput ? row : null), Api, target), invalid: true);
                }
                catch (ApiException ex) when (ex.IsTerminating)
                {
                    // Refused credentials: the input is a line in the account, and the run ends with the one error.
                    refusedCredentials = ex;
                }
                catch (ApiException ex) when (ChangeInput<TChange>.Sent(before))
                {
                    // The read that would tell whether an earlier run's request applied failed: still unknown, never sent twice.
                    input = (outside ?? input).Unknown(ex.Message);
                }
                catch (ApiException ex)
                {
                    // Validating read from the server and failed: that is the input's outcome. A read's message says what it read.
                    input = (outside ?? input).Refused(ErrorRecords.ForItem(ItemFailure.From(ex), Api, row + ": " + ex.Message, target), invalid: false);
                }
            }

            journaled?.ReadNew(input);
            if (refusedCredentials != null)
            {
                // Still outside the sender: the account counts it as not sent.
                EndWith(ErrorRecords.ConnectionFailed(refusedCredentials, Api, ActiveConnection.Uri));
            }

            outside = null;
            if (journaled == null)
            {
                Dispatch(input);
            }
            else
            {
                journaled.DispatchOrHold(input, Dispatch);
            }
        }

        private void Dispatch(ChangeInput<TChange> input)
        {
            if (input.UnknownBecause is string why)
            {
                ledger.CountWritten();
                Write(null, journaled!.Unknown(input, Api, why));
                return;
            }

            if (input.Refusal is ErrorRecord refusal)
            {
                if (input.Invalid)
                {
                    ledger.CountInvalid();
                }
                else
                {
                    ledger.CountWritten();
                }

                Emit(input.Number, null, refusal);
                return;
            }

            if (input.FinishedBefore)
            {
                WriteAgain(input);
                return;
            }

            var change = input.Change!;
            if (input.SentBefore)
            {
                outside = input;
                var again = SendAgain(change);
                outside = null;
                if (again == null)
                {
                    // Never sent twice: an error, recorded.
                    ledger.CountWritten();
                    Write(null, journaled!.Unknown(input, Api));
                    return;
                }

                change = again;
            }

            if (!alwaysYes && change.Description is string action && !ShouldProcess(change.Subject + " (" + ActiveConnection.Uri.Authority + ")", action))
            {
                ledger.CountSkipped();
                return;
            }

            Hand(input, change);
        }

        /// <summary>Hands the change to the sender; until it is taken, it may wait for a slot and is not the sender's yet.</summary>
        private void Hand(ChangeInput<TChange> input, TChange change)
        {
            outside = input;
            journaled?.Expect(change, input.Number);
            var done = WaitFor(ct => sender.AddAsync(change, ct));
            outside = null;
            handed.Hand(input);
            WriteFinished(done);
        }

        /// <summary>An input an earlier run finished: its recorded outcome, written again after every input before it.</summary>
        private void WriteAgain(ChangeInput<TChange> input)
        {
            if (sender.Pending > 0)
            {
                WriteFinished(WaitFor(ct => sender.FlushAsync(ct)));
            }

            var (result, error) = journaled!.Replay(input);
            ledger.CountWritten();
            Write(result, error);
        }

        /// <summary>Pairs each change handed back with its input, in order, and writes its result or error.</summary>
        private void WriteFinished(IReadOnlyList<Finished<TChange, TOutcome>> finished)
        {
            handed.HandedBack(finished);
            WriteUnwritten(out var refused, untilCancelled: false);
            if (refused != null)
            {
                // Every input of the refused request has its own error; the changes in flight are awaited and written.
                EndWith(ErrorRecords.ConnectionFailed(refused, Api, ActiveConnection.Uri));
            }

            if (finished.Count > 0)
            {
                progress.Show(() => ledger.Read + " inputs read, " + ledger.Written + " done, " + sender.Pending + " waiting");
            }
        }

        /// <summary>
        /// Writes the outcomes waiting, in order, up to one a Ctrl+C cancelled: that one stops the run, or, while the
        /// stop is being accounted for (<paramref name="untilCancelled"/>), is left for the account.
        /// <paramref name="refused"/> is set when credentials were refused.
        /// </summary>
        private void WriteUnwritten(out ApiException? refused, bool untilCancelled)
        {
            refused = null;
            while (handed.AnyUnwritten)
            {
                var (input, done) = handed.NextUnwritten;
                if (done.Exception is OperationCanceledException)
                {
                    if (untilCancelled)
                    {
                        return;
                    }

                    throw Stopped();
                }

                var (written, error, refusal) = HandedInputs<TChange, TOutcome>.OutcomeOf(input, done, Api);
                if (refusal != null)
                {
                    // Refused credentials: nothing was changed, and the run ends with the one error that says so.
                    // The input is a line in the account, so that -ErrorAction Stop still meets that error first.
                    refused = refused ?? refusal;
                    handed.Written();
                    ledger.CountStopped(input.Name, StoppedFate.NotSent, input.Target);
                    journaled?.Stopped(input.Number, StoppedFate.NotSent);
                    continue;
                }

                try
                {
                    Emit(input.Number, written, error);
                }
                catch (PipelineStoppedException) when (!StopRequested)
                {
                    // A later command (Select-Object -First) took this result, then no more.
                    handed.Written();
                    ledger.CountWritten();
                    throw;
                }

                handed.Written();
                ledger.CountWritten();
            }
        }

        /// <summary>Records the outcome in the journal, then writes it.</summary>
        private void Emit(long number, object? written, ErrorRecord? error)
        {
            journaled?.Wrote(number, written, error);
            Write(written, error);
        }

        private void Write(object? written, ErrorRecord? error)
        {
            if (written != null)
            {
                WriteObject(written);
            }

            if (error != null)
            {
                try
                {
                    WriteError(error);
                }
                catch (PipelineStoppedException) when (!StopRequested)
                {
                    // -ErrorAction Stop (or $ErrorActionPreference) made this error end the run.
                    stoppedBy = error;
                    throw;
                }
            }
        }

        /// <summary>Accounts for every input of the run that ended early, once: in the ledger and the journal, then to the user through <see cref="EarlyEndReport"/>.</summary>
        private void ReportStop()
        {
            if (stopReported)
            {
                return;
            }

            stopReported = true;
            if (!canWrite)
            {
                CloseStreams();
            }

            AccountForStop();
            earlyEnd?.Tell(ledger);
        }

        /// <summary>
        /// Records in the ledger and the journal what became of each input without a written result, in input order:
        /// those handed back and not written, those whose request started (awaited; cancelled by Ctrl+C they end at
        /// once), those never sent, and the inputs outside the sender or held back, which come after every input in
        /// it. Outcomes that can still be written are written first.
        /// </summary>
        private void AccountForStop()
        {
            handed.HandedBack(sender?.Abandon().Started ?? new Finished<TChange, TOutcome>[0]);
            if (canWrite)
            {
                WriteUnwritten(out _, untilCancelled: true);
            }

            handed.AccountForStop(ledger, journaled, Api);
            var none = new ChangeInput<TChange>[0];
            foreach (var input in (outside == null ? none : new[] { outside }).Concat(journaled?.LetGoHeld() ?? none))
            {
                ledger.CountStopped(input.Name, input.FateOutsideSender, input.Target);
            }

            outside = null;
        }
    }
}
