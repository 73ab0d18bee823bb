using System;
using System.Collections.Generic;
using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Results;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The inputs whose change the sender holds, in input order, and the outcomes it handed back and that are not yet
    /// written. The sender knows only changes and hands them back in the order it took them, so each outcome pairs
    /// with the oldest input handed over.
    /// </summary>
    internal sealed class HandedInputs<TChange, TOutcome>
        where TChange : class, IChange
        where TOutcome : IItemOutcome
    {
        private readonly Queue<ChangeInput<TChange>> handed = new Queue<ChangeInput<TChange>>();

        /// <summary>Outcomes handed back by the sender and not yet written; an early end while writing leaves some here.</summary>
        private readonly Queue<(ChangeInput<TChange> Input, Finished<TChange, TOutcome> Done)> unwritten = new Queue<(ChangeInput<TChange>, Finished<TChange, TOutcome>)>();

        public bool AnyUnwritten => unwritten.Count > 0;

        /// <summary>The oldest outcome not yet written, with its input.</summary>
        public (ChangeInput<TChange> Input, Finished<TChange, TOutcome> Done) NextUnwritten => unwritten.Peek();

        public void Hand(ChangeInput<TChange> input) => handed.Enqueue(input);

        /// <summary>Pairs each change handed back with its input, in order.</summary>
        public void HandedBack(IEnumerable<Finished<TChange, TOutcome>> finished)
        {
            foreach (var done in finished)
            {
                unwritten.Enqueue((handed.Dequeue(), done));
            }
        }

        /// <summary>The oldest outcome not yet written was written, or accounted for.</summary>
        public void Written() => unwritten.Dequeue();

        /// <summary>
        /// Records in the ledger and the journal what became of each input still here, in input order, and forgets them:
        /// those handed back and not written (cancelled by Ctrl+C, or answered: the journal records the answer), then those never sent.
        /// </summary>
        public void AccountForStop(RunLedger ledger, JournaledRun<TChange>? journal, ApiName api)
        {
            foreach (var (input, done) in unwritten)
            {
                if (done.Exception is OperationCanceledException stopped)
                {
                    var fate = RunLedger.FateOf(stopped);
                    ledger.CountStopped(input.Name, fate, input.Target);
                    journal?.Stopped(input.Number, fate);
                }
                else
                {
                    var (written, error, _) = OutcomeOf(input, done, api);
                    ledger.CountStopped(input.Name, StoppedFate.AnsweredNotWritten, input.Target);
                    journal?.Wrote(input.Number, written, error);
                }
            }

            unwritten.Clear();
            foreach (var unsent in handed)
            {
                ledger.CountStopped(unsent.Name, StoppedFate.NotSent, unsent.Target);
                journal?.Stopped(unsent.Number, StoppedFate.NotSent);
            }

            handed.Clear();
        }

        /// <summary>What to write for an outcome: its result, its error, and the refusal that ends the run, if it was one.</summary>
        public static (object? Written, ErrorRecord? Error, ApiException? Refused) OutcomeOf(ChangeInput<TChange> input, Finished<TChange, TOutcome> done, ApiName api)
        {
            switch (done.Exception)
            {
                case null:
                    if (done.Result.Written is INumberedResult numbered)
                    {
                        numbered.Row = (int)input.Number;
                    }

                    var failure = done.Result.Failed;
                    return (done.Result.Written, failure == null ? null : input.Failed(failure, api), null);
                case ApiException apiError:
                    return (null, input.Failed(ItemFailure.From(apiError), api), apiError.IsTerminating ? apiError : null);
                default:
                    return (null, ErrorRecords.Failed(done.Exception, api, input.Target), null);
            }
        }
    }
}
