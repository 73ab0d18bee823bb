using System;
using System.Collections.Generic;
using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Journal;
using GovernanceModule.Core.Results;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// A change run with -JournalPath, as the change base drives it: each input is recorded as read, each request as
    /// sent before it goes out (<see cref="SendLog"/>), each outcome before it is written. A run on a journal an
    /// earlier run left resumes it: an input must be the one that run read, a row it finished is written again as
    /// recorded (<see cref="Replay"/>), a row it sent without an answer is sent again only when the cmdlet can tell it
    /// did not apply (else <see cref="Unknown"/>), and a row it never sent is sent. A journal that does not fit the run
    /// ends it, through the cmdlet's one account of an early end, before anything more is sent.
    /// </summary>
    internal sealed class JournaledRun<TChange> : IDisposable
        where TChange : class, IChange
    {
        private readonly ChangeJournal journal;
        private readonly ChangeJournal.SendLog<TChange> sendLog;

        /// <summary>The -JournalPath as given: the target of the journal's errors.</summary>
        private readonly string path;

        /// <summary>Ends the run through the cmdlet's one account, then with the error given; never returns.</summary>
        private readonly Action<ErrorRecord> endWith;

        /// <summary>
        /// Inputs of the journal's rows that need sending, held back until the journal's last row is read and found
        /// unchanged, so that a changed input stops the run before anything is sent; every input after one held is held
        /// too, to keep the input order. Few: the rows an earlier run left without an outcome are its last ones.
        /// </summary>
        private readonly Queue<ChangeInput<TChange>> held = new Queue<ChangeInput<TChange>>();

        private JournaledRun(ChangeJournal journal, string path, Action<ErrorRecord> endWith)
        {
            this.journal = journal;
            this.path = path;
            this.endWith = endWith;
            sendLog = journal.SendLogFor<TChange>();
        }

        /// <summary>What the sender tells of each request before it is sent: the journal records its rows as sent.</summary>
        public ISendLog<TChange> SendLog => sendLog;

        /// <summary>Opens (or creates) the journal at <paramref name="path"/>; one that cannot serve this run is the cmdlet's terminating error.</summary>
        public static JournaledRun<TChange> Open(PSCmdlet cmdlet, string path, Uri server, IEnumerable<string> commandLine, Action<ErrorRecord> endWith)
        {
            try
            {
                return new JournaledRun<TChange>(ChangeJournal.Open(cmdlet, path, server, commandLine), path, endWith);
            }
            catch (JournalException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Journal(ex, path));
                throw;
            }
        }

        /// <summary>
        /// An input a row an earlier run read: checks it is that row and returns where the run left it. Null for a new
        /// input, which <see cref="ReadNew"/> records once it is validated.
        /// </summary>
        public JournalState? ReadAgain(ChangeInput<TChange> input) =>
            input.Number <= journal.RowsBefore ? Journaled(input.Row, () => journal.Read(input.Number, input.Row, input.Target)) : null;

        /// <summary>Records a new input as read, under the name of the change it became.</summary>
        public void ReadNew(ChangeInput<TChange> input)
        {
            if (input.Number > journal.RowsBefore)
            {
                Journaled(input.Row, () => journal.Read(input.Number, input.Change?.Name ?? input.Row, input.Target));
            }
        }

        /// <summary>
        /// Dispatches the input now, or holds it back when an earlier run read it and left it to send (or an input
        /// before it is held). The journal's last row, read and found unchanged, releases the inputs held.
        /// </summary>
        public void DispatchOrHold(ChangeInput<TChange> input, Action<ChangeInput<TChange>> dispatch)
        {
            if ((input.Before != null && !input.FinishedBefore) || held.Count > 0)
            {
                held.Enqueue(input);
            }
            else
            {
                dispatch(input);
            }

            if (input.Number == journal.RowsBefore)
            {
                Release(dispatch);
            }
        }

        /// <summary>At the end of the input: an input shorter than the journal's is not the same input and ends the run; else the inputs held go on.</summary>
        public void InputEnded(long rowsRead, Action<ChangeInput<TChange>> dispatch)
        {
            Journaled(null, () => journal.InputEnded(rowsRead));
            Release(dispatch);
        }

        /// <summary>The change of row <paramref name="number"/> is about to be handed to the sender: its request records the row as sent.</summary>
        public void Expect(TChange change, long number) => sendLog.Expect(change, number);

        /// <summary>The outcome an earlier run recorded for an input it finished, as it was written then; a record that cannot be read ends the run.</summary>
        public (INumberedResult? Result, ErrorRecord? Error) Replay(ChangeInput<TChange> input) => Journaled(input.Row, () => journal.Replay(input.Number, input.Target));

        /// <summary>
        /// The error, recorded, of an input an earlier run sent whose outcome neither the journal nor the server can
        /// tell: it is never sent a second time.
        /// </summary>
        public ErrorRecord Unknown(ChangeInput<TChange> input, ApiName api, string? readFailed = null)
        {
            var why = readFailed == null
                ? "whether it applied cannot be found out from the server"
                : "reading it to find out whether it applied failed (" + readFailed + ")";
            var failure = new ItemFailure(
                ApiFailure.OutcomeUnknown,
                "an earlier run sent it and ended before the answer, and " + why + ", so it is not sent again (journal " + journal.Path + "). Check it on the server; send it again, if needed, with a new journal.");
            var error = input.Failed(failure, api);
            journal.Unknown(input.Number, error);
            return error;
        }

        /// <summary>Records what is written for an input, before it is written: its result, its error, or both.</summary>
        public void Wrote(long number, object? result, ErrorRecord? error) => journal.Wrote(number, result, error);

        /// <summary>Records the fate of an input the run ended without writing.</summary>
        public void Stopped(long number, StoppedFate fate) => journal.Stopped(number, fate);

        /// <summary>
        /// The inputs held when the run ended, forgotten. Their journal records stay as they are: a held row the
        /// journal has as sent is checked again on the next resume.
        /// </summary>
        public IReadOnlyList<ChangeInput<TChange>> LetGoHeld()
        {
            var left = held.ToArray();
            held.Clear();
            return left;
        }

        public void Dispose() => journal.Dispose();

        private void Release(Action<ChangeInput<TChange>> dispatch)
        {
            while (held.Count > 0)
            {
                dispatch(held.Dequeue());
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
                endWith(ErrorRecords.Journal(ex, path, row));
                throw;
            }
        }

        private void Journaled(string? row, Action step) => Journaled(row, () =>
        {
            step();
            return 0;
        });
    }
}
