using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The path of every change, the same for the three APIs: read and validate an input (a bad one gets its error and
    /// the others go on), prepare it, ask ShouldProcess on the pipeline thread, hand it to the API's sender, and write
    /// exactly one outcome per input in input order as the sender hands them back. A stopped run accounts for every
    /// input it read; the account goes out through <see cref="GovernanceCmdlet"/>.
    /// </summary>
    /// <typeparam name="TInput">A validated input, before any request.</typeparam>
    /// <typeparam name="TChange">What the sender sends; the same as <typeparamref name="TInput"/> unless preparing it needs the server.</typeparam>
    public abstract class ChangeCmdlet<TConnection, TInput, TChange, TOutcome> : ConnectedCmdlet<TConnection>
        where TConnection : class, IApiConnection
        where TOutcome : IItemOutcome
    {
        private const int ProgressId = 0x474D;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();

        /// <summary>Outcomes handed back by the sender and not yet written; a stop while writing leaves some here.</summary>
        private readonly Queue<Completed<PendingInput<TChange>, TOutcome>> unwritten = new Queue<Completed<PendingInput<TChange>, TOutcome>>();
        private IChangeSender<PendingInput<TChange>, TOutcome> sender = null!;
        private bool progressShown;

        /// <summary>True when ShouldProcess would say yes to every input and show nothing, so it is not asked.</summary>
        private bool alwaysYes;

        /// <summary>The input being prepared (not yet sent), or being handed to the sender (waiting for a slot).</summary>
        private (string Name, object Target)? outside;

        /// <summary>The parameters given on the command line: only they are bound before the first input.</summary>
        private ICollection<string> commandLine = new string[0];

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

        protected override void BeginProcessing()
        {
            commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            base.BeginProcessing();
            alwaysYes = ShouldProcessShortcut.AlwaysYes(this, VerboseWanted);
            sender = CreateSender();
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

        protected override void ProcessRecord()
        {
            foreach (var target in Targets())
            {
                Accept(target);
            }
        }

        protected override void EndProcessing()
        {
            WriteCompleted(Run(ct => sender.FlushAsync(ct)));
            if (progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>Waits for the changes in flight (cancelled, they end at once) and records what became of each input without a result.</summary>
        protected override void AccountForStop(OperationCanceledException? cancelled)
        {
            var abandoned = sender?.Abandon();
            foreach (var done in unwritten.Concat(abandoned?.Started ?? Enumerable.Empty<Completed<PendingInput<TChange>, TOutcome>>()))
            {
                var fate = done.Exception is OperationCanceledException stopped ? RunLedger.FateOf(stopped) : StoppedFate.AnsweredNotWritten;
                Ledger.CountStopped(done.Item.Name, fate, done.Item.Target);
            }

            unwritten.Clear();
            foreach (var pending in abandoned?.Unsent ?? Enumerable.Empty<PendingInput<TChange>>())
            {
                Ledger.CountStopped(pending.Name, StoppedFate.NotSent, pending.Target);
            }

            // The input outside the sender comes after every input in it.
            if (outside is (string name, object target))
            {
                Ledger.CountStopped(name, StoppedFate.NotSent, target);
                outside = null;
            }
        }

        private void Accept(object target)
        {
            Ledger.CountRead();
            var row = RowLabel(Ledger.Read);
            PendingInput<TChange> pending;
            try
            {
                var input = Validate(target, row);
                var name = row + ": " + NameOf(input);
                outside = (name, target);
                pending = new PendingInput<TChange>(Prepare(input, row), row, name, target);
            }
            catch (InputValidationException ex)
            {
                outside = null;
                Ledger.CountInvalid();
                WriteError(ErrorRecords.InvalidInput(ex, ErrorIdPrefix, target));
                return;
            }
            catch (ApiException ex)
            {
                // Preparing read from the server and failed: that is the input's outcome.
                var name = outside?.Name ?? row;
                outside = null;
                Ledger.CountWritten();
                ThrowIfTerminating(ex);
                var failure = ItemFailure.From(ex);
                WriteError(ErrorRecords.ForItem(failure, Api, ErrorIdPrefix, FailureMessage(row, name, failure), target));
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

        private void Write(PendingInput<TChange> pending, object? written, ItemFailure? failure)
        {
            if (written != null)
            {
                WriteObject(written);
            }

            if (failure != null)
            {
                WriteError(ErrorRecords.ForItem(failure, Api, ErrorIdPrefix, FailureMessage(pending.Row, pending.Name, failure), pending.Target));
            }
        }

        private void WriteCompleted(IReadOnlyList<Completed<PendingInput<TChange>, TOutcome>> completed)
        {
            foreach (var done in completed)
            {
                unwritten.Enqueue(done);
            }

            while (unwritten.Count > 0)
            {
                var done = unwritten.Peek();
                switch (done.Exception)
                {
                    case null:
                        Write(done.Item, done.Result.Written, done.Result.Failed);
                        break;
                    case OperationCanceledException stopped:
                        throw Stopped(stopped);
                    case ApiException api:
                        ThrowIfTerminating(api);
                        Write(done.Item, null, ItemFailure.From(api));
                        break;
                    default:
                        WriteError(ErrorRecords.Failed(done.Exception, Api, ErrorIdPrefix, done.Item.Target));
                        break;
                }

                unwritten.Dequeue();
                Ledger.CountWritten();
            }

            if (completed.Count > 0 && sinceProgress.Elapsed >= ProgressInterval)
            {
                sinceProgress.Restart();
                progressShown = true;
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, Ledger.Read + " inputs read, " + Ledger.Written + " done, " + sender.Pending + " waiting"));
            }
        }
    }

    /// <summary>A change sent as validated: nothing needs the server before ShouldProcess.</summary>
    public abstract class ChangeCmdlet<TConnection, TChange, TOutcome> : ChangeCmdlet<TConnection, TChange, TChange, TOutcome>
        where TConnection : class, IApiConnection
        where TOutcome : IItemOutcome
    {
        protected sealed override TChange Prepare(TChange input, string row) => input;
    }
}
