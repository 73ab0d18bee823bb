using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Journal;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The path of every change, the same for the three APIs: read and validate an input (a bad one gets its error and
    /// the others go on), prepare it, ask ShouldProcess on the pipeline thread, hand it to the API's sender, and write
    /// exactly one outcome per input in input order as the sender hands them back. However the run ends early (Ctrl+C,
    /// refused credentials or another terminating error, a later command that takes no more results), it goes through
    /// one account: requests in flight are awaited (or, cancelled by Ctrl+C, their fate is stated), and every input
    /// read has its result, its own error, or a line in <see cref="GovernanceCmdlet.StopReportVariable"/>. With
    /// -JournalPath the run is recorded ahead of every request, and a run on an existing journal resumes it.
    /// </summary>
    /// <typeparam name="TInput">A validated input, before any request.</typeparam>
    /// <typeparam name="TChange">What the sender sends; the same as <typeparamref name="TInput"/> unless preparing it needs the server.</typeparam>
    public abstract class ChangeCmdlet<TConnection, TInput, TChange, TOutcome> : ConnectedCmdlet<TConnection>
        where TConnection : class, IApiConnection
        where TChange : class
        where TOutcome : IItemOutcome
    {
        private const int ProgressId = 0x474D;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();

        /// <summary>Outcomes handed back by the sender and not yet written; a stop while writing leaves some here.</summary>
        private readonly Queue<Completed<PendingInput<TChange>, TOutcome>> unwritten = new Queue<Completed<PendingInput<TChange>, TOutcome>>();

        /// <summary>
        /// On resume, inputs of the journal's rows that need sending, held back until the journal's last row is read
        /// and found unchanged, so that a changed input stops the run before anything is sent. Few: the rows the
        /// earlier run left without an outcome are its last ones.
        /// </summary>
        private readonly Queue<ReadInput> held = new Queue<ReadInput>();

        private IChangeSender<PendingInput<TChange>, TOutcome> sender = null!;
        private ChangeJournal? journal;
        private bool progressShown;

        /// <summary>True when ShouldProcess would say yes to every input and show nothing, so it is not asked.</summary>
        private bool alwaysYes;

        /// <summary>False once nothing more can be written: the pipeline is stopping, or a later command took no more.</summary>
        private bool canWrite = true;

        /// <summary>The input being prepared (not yet sent), or being handed to the sender (waiting for a slot).</summary>
        private ReadInput? outside;

        /// <summary>The parameters given on the command line: only they are bound before the first input.</summary>
        private ICollection<string> commandLine = new string[0];

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>The start of this cmdlet's error ids: ProvTask, WorkflowSession, ProvisioningPolicy.</summary>
        protected abstract string ErrorIdPrefix { get; }

        protected abstract IChangeSender<PendingInput<TChange>, TOutcome> CreateSender();

        /// <summary>
        /// The inputs of this ProcessRecord call, each as the target its error will carry: the pipeline object (a CSV
        /// row), else the id given.
        /// </summary>
        protected abstract IEnumerable<object> Targets();

        /// <summary>Reads and validates one input, before any request; throws <see cref="InputValidationException"/> naming the row.</summary>
        protected abstract TInput Validate(object target, string row);

        /// <summary>How the stop report and messages name the input after its row, such as "task 1042 (Retry)".</summary>
        protected abstract string NameOf(TInput input);

        /// <summary>The change to send; may read from the server through Run. Throws InputValidationException or ApiException.</summary>
        protected abstract TChange Prepare(TInput input, string row);

        /// <summary>The ShouldProcess target and action for the change, or null when nothing will be sent for it.</summary>
        protected abstract (string Target, string Action)? Question(TChange change);

        /// <summary>
        /// A change an earlier run sent without learning whether it applied: the change to send again (it is idempotent,
        /// or the server shows it did not apply), or null when the server cannot tell; then it is never sent twice.
        /// May read from the server through Run.
        /// </summary>
        protected abstract TChange? SendAgain(TChange change);

        protected override void BeginProcessing()
        {
            commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            base.BeginProcessing();
            SessionState.PSVariable.Set("global:" + StopReportVariable, null);
            alwaysYes = ShouldProcessShortcut.AlwaysYes(this, VerboseWanted);
            sender = CreateSender();
            if (JournalPath != null)
            {
                journal = OpenJournal(JournalPath);
            }
        }

        /// <summary>Which values of the current input were given; <paramref name="selectsOnly"/> when the pipeline object only names what to change.</summary>
        internal GivenValues Given(PSObject? inputObject, bool selectsOnly) => new GivenValues(commandLine, inputObject, selectsOnly);

        /// <summary>Core's messages that name only the parameter get the row in front for pipeline input, where the user needs it.</summary>
        protected T NamingRow<T>(string row, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (InputValidationException ex) when (MyInvocation.ExpectingInput)
            {
                throw new InputValidationException(ex.ParameterName, row + ": " + ex.Message);
            }
        }

        /// <summary>The message of a failed input's error: its name, then why, such as "Row 5: task 424242 (SetNote) failed: …".</summary>
        protected virtual string FailureMessage(string row, string name, ItemFailure failure) => name + " failed: " + failure.Reason;

        /// <summary>To call right before a request carrying <paramref name="items"/> goes out: with -JournalPath, records them as sent on stable storage first.</summary>
        protected void Sending(IReadOnlyList<PendingInput<TChange>> items) => journal?.Sent(items.Select(i => i.Number).ToList());

        protected override void ProcessRecord() => EndingEarlyIfNeeded(() =>
        {
            foreach (var target in Targets())
            {
                Accept(target);
            }
        });

        protected override void EndProcessing() => EndingEarlyIfNeeded(() =>
        {
            if (journal != null)
            {
                Journaled(null, () => journal.InputEnded(Ledger.Read));
                Release();
            }

            WriteCompleted(Run(ct => sender.FlushAsync(ct)));
            if (progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        });

        protected override void OnDisposing() => journal?.Dispose();

        /// <summary>
        /// Records what became of each input without a written result: the outcomes handed back and not written, the
        /// changes in flight (awaited; cancelled by Ctrl+C they end at once), those never sent, and those held back.
        /// Outcomes that can still be written are written.
        /// </summary>
        protected override void AccountForStop(OperationCanceledException? cancelled)
        {
            var abandoned = sender?.Abandon();
            foreach (var done in abandoned?.Started ?? Enumerable.Empty<Completed<PendingInput<TChange>, TOutcome>>())
            {
                unwritten.Enqueue(done);
            }

            if (canWrite && cancelled == null)
            {
                WriteUnwritten(out _, untilCancelled: true);
            }

            foreach (var done in unwritten)
            {
                if (done.Exception is OperationCanceledException stopped)
                {
                    var fate = RunLedger.FateOf(stopped);
                    Ledger.CountStopped(done.Item.Name, fate, done.Item.Target);
                    journal?.Stopped(done.Item.Number, fate);
                }
                else
                {
                    var (written, error, _) = OutcomeOf(done);
                    Ledger.CountStopped(done.Item.Name, StoppedFate.AnsweredNotWritten, done.Item.Target);
                    journal?.Wrote(done.Item.Number, written, error);
                }
            }

            unwritten.Clear();
            foreach (var pending in abandoned?.Unsent ?? Enumerable.Empty<PendingInput<TChange>>())
            {
                Ledger.CountStopped(pending.Name, StoppedFate.NotSent, pending.Target);
                journal?.Stopped(pending.Number, StoppedFate.NotSent);
            }

            // The input outside the sender, then those held back, come after every input in it. Their journal
            // records stay as they are: a held row the journal has as sent is checked again on the next resume.
            foreach (var input in (outside == null ? Enumerable.Empty<ReadInput>() : new[] { outside }).Concat(held))
            {
                Ledger.CountStopped(input.Name, FateBefore(input.Before), input.Target);
            }

            outside = null;
            held.Clear();
        }

        /// <summary>The fate of an input not dispatched, by where the journal had it: a recorded outcome is an answer, a recorded send unknown.</summary>
        private static StoppedFate FateBefore(JournalState? before) =>
            before == JournalState.Succeeded || before == JournalState.Failed ? StoppedFate.AnsweredNotWritten
            : before == JournalState.Sent || before == JournalState.OutcomeUnknown ? StoppedFate.OutcomeUnknown
            : StoppedFate.NotSent;

        /// <summary>Runs <paramref name="body"/>; a later command that takes no more results, or any other exception, ends the run through the one account.</summary>
        private void EndingEarlyIfNeeded(Action body)
        {
            try
            {
                body();
            }
            catch (PipelineStoppedException) when (!Stopping && !StopRequested)
            {
                // A later command (Select-Object -First) took no more: nothing more can be written.
                canWrite = false;
                ReportEarlyEnd("a later command in the pipeline took no more results");
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

        private ChangeJournal OpenJournal(string path)
        {
            try
            {
                return ChangeJournal.Open(this, path, ActiveConnection.Uri, commandLine);
            }
            catch (JournalException ex)
            {
                ThrowTerminatingError(JournalErrors.For(ex, path, null));
                throw;
            }
        }

        /// <summary>Runs a journal step; a journal that does not fit this run ends it before anything more is sent.</summary>
        private T Journaled<T>(string? row, Func<T> step)
        {
            try
            {
                return step();
            }
            catch (JournalException ex)
            {
                EndWith(JournalErrors.For(ex, JournalPath, row));
                throw;
            }
        }

        private void Journaled(string? row, Action step) => Journaled(row, () =>
        {
            step();
            return 0;
        });

        private void Accept(object target)
        {
            Ledger.CountRead();
            var number = Ledger.Read;
            var row = RowLabel(number);
            ReadInput input;
            try
            {
                var valid = Validate(target, row);
                input = new ReadInput(number, row, row + ": " + NameOf(valid), NameOf(valid), target, valid, null);
            }
            catch (InputValidationException ex)
            {
                input = new ReadInput(number, row, row, row, target, default!, ex);
            }

            if (journal == null)
            {
                Dispatch(input);
                return;
            }

            input.Before = Journaled(row, () => journal.Read(number, input.ShortName, target));
            var owesSending = input.Before == JournalState.NotSent || input.Before == JournalState.Sent || input.Before == JournalState.OutcomeUnknown;
            if (number <= journal.RowsBefore && (owesSending || held.Count > 0))
            {
                held.Enqueue(input);
            }
            else
            {
                Dispatch(input);
            }

            if (number == journal.RowsBefore)
            {
                Release();
            }
        }

        /// <summary>The journal's last row was read and fits: the inputs held back go on.</summary>
        private void Release()
        {
            while (held.Count > 0)
            {
                Dispatch(held.Dequeue());
            }
        }

        private void Dispatch(ReadInput input)
        {
            if (input.Invalid != null)
            {
                Ledger.CountInvalid();
                Emit(input.Number, null, ErrorRecords.InvalidInput(input.Invalid, ErrorIdPrefix, input.Target));
                return;
            }

            if (input.Before == JournalState.Succeeded || input.Before == JournalState.Failed)
            {
                Replay(input);
                return;
            }

            outside = input;
            PendingInput<TChange> pending;
            try
            {
                var change = Prepare(input.Valid, input.Row);
                if (input.Before == JournalState.Sent || input.Before == JournalState.OutcomeUnknown)
                {
                    var again = SendAgain(change);
                    if (again == null)
                    {
                        outside = null;
                        Unknown(input);
                        return;
                    }

                    change = again;
                }

                pending = new PendingInput<TChange>(change, input.Number, input.Row, input.Name, input.Target);
            }
            catch (InputValidationException ex)
            {
                outside = null;
                Ledger.CountInvalid();
                Emit(input.Number, null, ErrorRecords.InvalidInput(ex, ErrorIdPrefix, input.Target));
                return;
            }
            catch (ApiException ex)
            {
                // Preparing read from the server and failed: that is the input's outcome.
                outside = null;
                var failure = ItemFailure.From(ex);
                Ledger.CountWritten();
                Emit(input.Number, null, ErrorRecords.ForItem(failure, Api, ErrorIdPrefix, FailureMessage(input.Row, input.Name, failure), input.Target));
                if (ex.IsTerminating)
                {
                    EndWith(ErrorRecords.ConnectionFailed(ex, Api, ActiveConnection.Uri));
                }

                return;
            }

            if (!alwaysYes && Question(pending.Change) is (string what, string action) && !ShouldProcess(what, action))
            {
                outside = null;
                Ledger.CountSkipped();
                return;
            }

            // Until AddAsync returns, the input may wait for a slot and is not in the sender yet.
            var done = Run(ct => sender.AddAsync(pending, ct));
            outside = null;
            WriteCompleted(done);
        }

        /// <summary>An input an earlier run finished: its recorded outcome, written again after every input before it.</summary>
        private void Replay(ReadInput input)
        {
            if (sender.Pending > 0)
            {
                WriteCompleted(Run(ct => sender.FlushAsync(ct)));
            }

            var (result, error) = journal!.Replay(input.Number, input.Target);
            Ledger.CountWritten();
            Write(result, error);
        }

        /// <summary>An input sent by an earlier run whose outcome neither the journal nor the server can tell: an error, never a second send.</summary>
        private void Unknown(ReadInput input)
        {
            var failure = new ItemFailure(
                ApiFailure.OutcomeUnknown,
                "an earlier run sent it and ended before the answer, and whether it applied cannot be found out from the server, so it is not sent again (journal " + journal!.Path + "). Check it on the server; send it again, if needed, with a new journal.");
            var error = ErrorRecords.ForItem(failure, Api, ErrorIdPrefix, FailureMessage(input.Row, input.Name, failure), input.Target);
            Ledger.CountWritten();
            journal.Unknown(input.Number, error);
            Write(null, error);
        }

        /// <summary>What to write for an outcome: its result, its error, and the refusal that ends the run, if it was one.</summary>
        private (object? Written, ErrorRecord? Error, ApiException? Refused) OutcomeOf(Completed<PendingInput<TChange>, TOutcome> done)
        {
            var pending = done.Item;
            switch (done.Exception)
            {
                case null:
                    var failure = done.Result.Failed;
                    return (done.Result.Written, failure == null ? null : ItemError(pending, failure), null);
                case ApiException api:
                    return (null, ItemError(pending, ItemFailure.From(api)), api.IsTerminating ? api : null);
                default:
                    return (null, ErrorRecords.Failed(done.Exception, Api, ErrorIdPrefix, pending.Target), null);
            }
        }

        private ErrorRecord ItemError(PendingInput<TChange> pending, ItemFailure failure) =>
            ErrorRecords.ForItem(failure, Api, ErrorIdPrefix, FailureMessage(pending.Row, pending.Name, failure), pending.Target);

        /// <summary>Records the outcome in the journal, then writes it.</summary>
        private void Emit(long number, object? written, ErrorRecord? error)
        {
            journal?.Wrote(number, written, error);
            Write(written == null ? null : journal == null ? written : ChangeJournal.Fresh(written), error);
        }

        private void Write(object? written, ErrorRecord? error)
        {
            if (written != null)
            {
                WriteObject(written);
            }

            if (error != null)
            {
                WriteError(error);
            }
        }

        private void WriteCompleted(IReadOnlyList<Completed<PendingInput<TChange>, TOutcome>> completed)
        {
            foreach (var done in completed)
            {
                unwritten.Enqueue(done);
            }

            WriteUnwritten(out var refused, untilCancelled: false);
            if (refused != null)
            {
                // Every input of the refused request has its own error; the changes in flight are awaited and written.
                EndWith(ErrorRecords.ConnectionFailed(refused, Api, ActiveConnection.Uri));
            }

            if (completed.Count > 0 && sinceProgress.Elapsed >= ProgressInterval)
            {
                sinceProgress.Restart();
                progressShown = true;
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, Ledger.Read + " inputs read, " + Ledger.Written + " done, " + sender.Pending + " waiting"));
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
            while (unwritten.Count > 0)
            {
                var done = unwritten.Peek();
                if (done.Exception is OperationCanceledException stopped)
                {
                    if (untilCancelled)
                    {
                        return;
                    }

                    throw Stopped(stopped);
                }

                var (written, error, refusal) = OutcomeOf(done);
                refused = refused ?? refusal;
                try
                {
                    Emit(done.Item.Number, written, error);
                }
                catch (PipelineStoppedException) when (!Stopping && !StopRequested)
                {
                    // A later command (Select-Object -First) took this result, then no more.
                    unwritten.Dequeue();
                    Ledger.CountWritten();
                    throw;
                }

                unwritten.Dequeue();
                Ledger.CountWritten();
            }
        }

        /// <summary>One input as read: its row, its name, the validated input or why it is not valid, and where the journal had it.</summary>
        private sealed class ReadInput
        {
            public ReadInput(long number, string row, string name, string shortName, object target, TInput valid, InputValidationException? invalid)
            {
                Number = number;
                Row = row;
                Name = name;
                ShortName = shortName;
                Target = target;
                Valid = valid;
                Invalid = invalid;
            }

            public long Number { get; }

            public string Row { get; }

            /// <summary>"Row 7: task 1042 (Retry)".</summary>
            public string Name { get; }

            /// <summary>"task 1042 (Retry)", as the journal names it.</summary>
            public string ShortName { get; }

            public object Target { get; }

            public TInput Valid { get; }

            public InputValidationException? Invalid { get; }

            /// <summary>Where an earlier run on the journal left the input; null when it is new.</summary>
            public JournalState? Before { get; set; }
        }
    }

    /// <summary>A change sent as validated: nothing needs the server before ShouldProcess.</summary>
    public abstract class ChangeCmdlet<TConnection, TChange, TOutcome> : ChangeCmdlet<TConnection, TChange, TChange, TOutcome>
        where TConnection : class, IApiConnection
        where TChange : class
        where TOutcome : IItemOutcome
    {
        protected sealed override TChange Prepare(TChange input, string row) => input;
    }
}
