using System.Collections.Generic;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The path of a provisioning-task change: validate, ask ShouldProcess, batch, send, and write exactly one
    /// result (plus an error when it failed) per input sent, in input order as each batch completes.
    /// </summary>
    public abstract class ProvTaskChangeCmdlet : OigCmdlet
    {
        public const int DefaultBatchSize = 100;

        private Batcher<PendingInput<ProvTaskUpdate>> batcher = null!;
        private ProvTaskClient client = null!;
        private IReadOnlyList<PendingInput<ProvTaskUpdate>>? inFlight;

        /// <summary>Answered inputs not yet written; a stop while writing leaves some here.</summary>
        private readonly Queue<PendingInput<ProvTaskUpdate>> unwritten = new Queue<PendingInput<ProvTaskUpdate>>();
        private int rows;
        private int sent;
        private int batchesSent;

        /// <summary>How many tasks go into one bulk PUT provtasks request.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = DefaultBatchSize;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            batcher = new Batcher<PendingInput<ProvTaskUpdate>>(BatchSize, p => p.Change.TaskId);
            client = new ProvTaskClient(ActiveConnection, Trace);
        }

        protected override void EndProcessing()
        {
            var rest = batcher.Drain();
            Send(rest, lone: batchesSent == 0 && rest.Count == 1);
            if (batchesSent > 0)
            {
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private int ProgressId => 0x4F49;

        /// <summary>Counts one input and returns its label, such as "Row 3".</summary>
        protected string NextRow()
        {
            Ledger.CountRead();
            return RowLabel(++rows);
        }

        protected override void AccountForStop(System.OperationCanceledException? cancelled)
        {
            var fate = cancelled == null ? StoppedFate.NotSent : RunLedger.FateOf(cancelled);
            foreach (var pending in inFlight ?? new PendingInput<ProvTaskUpdate>[0])
            {
                Ledger.CountStopped(Name(pending), fate, pending.Target);
            }

            inFlight = null;
            foreach (var pending in unwritten)
            {
                Ledger.CountStopped(Name(pending), StoppedFate.AnsweredNotWritten, pending.Target);
            }

            unwritten.Clear();
            foreach (var pending in batcher?.Drain() ?? new PendingInput<ProvTaskUpdate>[0])
            {
                Ledger.CountStopped(Name(pending), StoppedFate.NotSent, pending.Target);
            }
        }

        /// <summary>Validates the input; on failure writes an error naming the row and returns null.</summary>
        protected ProvTaskUpdate? Validate(ProvTaskInput input, string row, object target)
        {
            try
            {
                return ProvTaskUpdate.From(input, row);
            }
            catch (InputValidationException ex)
            {
                Ledger.CountInvalid();
                WriteInvalidInput(ex, target, "ProvTaskInvalidInput");
                return null;
            }
        }

        /// <summary>Asks ShouldProcess for the change and queues it; sends every batch that is full.</summary>
        protected void Enqueue(ProvTaskUpdate update, string row, object target)
        {
            if (!ShouldProcess("Task " + update.TaskId + " (" + ActiveConnection.Uri.Authority + ")", update.Description))
            {
                Ledger.CountSkipped();
                return;
            }

            foreach (var batch in batcher.Add(new PendingInput<ProvTaskUpdate>(update, row, target)))
            {
                Send(batch, lone: false);
            }
        }

        /// <summary>Sends a batch in bulk; a lone input of the whole run goes through the single-task PUT.</summary>
        private void Send(IReadOnlyList<PendingInput<ProvTaskUpdate>> batch, bool lone)
        {
            if (batch.Count == 0)
            {
                return;
            }

            var updates = new List<ProvTaskUpdate>(batch.Count);
            foreach (var pending in batch)
            {
                updates.Add(pending.Change);
            }

            IReadOnlyList<ProvTaskOutcome> outcomes;
            inFlight = batch;
            try
            {
                outcomes = lone
                    ? new[] { Run(ct => client.UpdateOneAsync(updates[0], ct)) }
                    : Run(ct => client.UpdateAsync(updates, ct));
            }
            catch (ApiException ex) when (ex.IsTerminating)
            {
                ThrowTerminating(ex, "OigAuthenticationFailed", ActiveConnection.Uri);
                return;
            }

            inFlight = null;
            sent += batch.Count;
            batchesSent++;
            foreach (var pending in batch)
            {
                unwritten.Enqueue(pending);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                WriteOutcome(batch[i], outcomes[i]);
                unwritten.Dequeue();
                Ledger.CountWritten();
            }

            WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, rows + " inputs read, " + sent + " tasks sent in " + batchesSent + " requests"));
        }

        private static string Name(PendingInput<ProvTaskUpdate> pending) =>
            pending.Row + ": task " + pending.Change.TaskId + " (" + pending.Change.Action + ")";

        private void WriteOutcome(PendingInput<ProvTaskUpdate> pending, ProvTaskOutcome outcome)
        {
            WriteObject(outcome.Result);
            if (outcome.Failure is ApiFailure failure)
            {
                var message = pending.Row + ": task " + pending.Change.TaskId + " (" + pending.Change.Action + ") failed: " + outcome.Result.Reason;
                WriteItemError(new ApiException(failure, message, responseBody: outcome.ErrorDetails), "ProvTask", pending.Target);
            }
        }
    }
}
