using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Journal;
using GovernanceModule.Core.Results;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// A change run's -JournalPath as the cmdlet layer uses it: what PowerShell hands the cmdlet (CSV rows, results,
    /// error records) put into the journal and taken out of it again. A result written again from the journal is of
    /// its own type, with FromJournal true, so that a resumed run's Export-Csv has one line per row and says which.
    /// </summary>
    internal sealed class ChangeJournal : IDisposable
    {
        /// <summary>Parameters that do not change what is sent: a run may resume with other values of them.</summary>
        private static readonly HashSet<string> NotShaping = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "JournalPath", "Connection", "BatchSize", "ThrottleLimit", "InputObject",
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        private readonly RunJournal journal;

        private ChangeJournal(RunJournal journal)
        {
            this.journal = journal;
        }

        public string Path => journal.Path;

        /// <summary>The rows earlier runs on this journal read.</summary>
        public long RowsBefore => journal.RowsBefore;

        /// <summary>
        /// Opens (or creates) the journal for this run: the command, the parameters given on its command line that
        /// shape the changes, the server, the module's version. Throws <see cref="JournalException"/>.
        /// </summary>
        public static ChangeJournal Open(PSCmdlet cmdlet, string journalPath, Uri server, IEnumerable<string> commandLine)
        {
            var path = cmdlet.GetUnresolvedProviderPathFromPSPath(journalPath);
            var bound = cmdlet.MyInvocation.BoundParameters;
            var parameters = commandLine
                .Where(name => !NotShaping.Contains(name) && bound.ContainsKey(name))
                .ToDictionary(name => name, name => AsText(bound[name]), StringComparer.OrdinalIgnoreCase);
            var version = cmdlet.MyInvocation.MyCommand.Module?.Version ?? typeof(ChangeJournal).Assembly.GetName().Version;
            var header = new JournalHeader(cmdlet.MyInvocation.MyCommand.Name, parameters, WithoutUserInfo(server), version?.ToString() ?? "0.0");
            return new ChangeJournal(RunJournal.Open(path, header));
        }

        /// <summary>Records the input as read; returns where an earlier run left it, or null when it is new. Throws <see cref="JournalException"/> for a changed input.</summary>
        public JournalState? Read(long row, string name, object target)
        {
            var input = PowerShellValues.TextColumns(target) is KeyValuePair<string, string?>[] columns ? JournalInput.FromText(columns) : JournalInput.From(PowerShellValues.ToPlain(target));
            journal.RecordRead(row, name, input);
            return journal.StateOf(row);
        }

        /// <summary>On stable storage before it returns: called right before the request carrying <paramref name="rows"/> goes out.</summary>
        public void Sent(IReadOnlyCollection<long> rows) => journal.RecordSent(rows);

        /// <summary>Records what was written for an input: its result, its error, or both.</summary>
        public void Wrote(long row, object? result, ErrorRecord? error) =>
            journal.RecordOutcome(row, RecordedOutcome.Answered(
                result,
                error?.FullyQualifiedErrorId,
                error?.CategoryInfo.Category.ToString(),
                error?.Exception.Message));

        /// <summary>Records the fate of an input the run ended without writing; an answered one is recorded by <see cref="Wrote"/>.</summary>
        public void Stopped(long row, StoppedFate fate) =>
            journal.RecordOutcome(row, new RecordedOutcome(fate == StoppedFate.NotSent ? JournalState.NotSent : JournalState.OutcomeUnknown));

        /// <summary>Records an outcome that is not known and will not be found out by sending: an error naming the row.</summary>
        public void Unknown(long row, ErrorRecord error) =>
            journal.RecordOutcome(row, new RecordedOutcome(JournalState.OutcomeUnknown, errorId: error.FullyQualifiedErrorId, category: error.CategoryInfo.Category.ToString(), message: error.Exception.Message));

        /// <summary>
        /// The outcome an earlier run recorded, as it was written then: the result (with FromJournal), the error, or
        /// both. Throws <see cref="JournalException"/> for a record that cannot be read.
        /// </summary>
        public (INumberedResult? Result, ErrorRecord? Error) Replay(long row, object target)
        {
            var outcome = journal.OutcomeOf(row) ?? throw new InvalidOperationException("Row " + row + " has no recorded outcome.");
            var result = (INumberedResult?)outcome.Result;
            if (result != null)
            {
                result.FromJournal = true;
            }

            ErrorRecord? error = null;
            if (outcome.ErrorId != null)
            {
                error = new ErrorRecord(
                    new RecordedFailureException(outcome.Message + " (recorded in the journal " + Path + " by an earlier run)"),
                    outcome.ErrorId,
                    Enum.TryParse(outcome.Category, out ErrorCategory category) ? category : ErrorCategory.NotSpecified,
                    target);
            }

            return (result, error);
        }

        /// <summary>What a sender tells of each request: this journal records its rows as sent, on stable storage, before it goes out.</summary>
        public SendLog<TChange> SendLogFor<TChange>()
            where TChange : class => new SendLog<TChange>(this);

        /// <summary>At the end of the input: an input shorter than the journal's is not the same input. Throws <see cref="JournalException"/>.</summary>
        public void InputEnded(long rowsRead) => journal.CheckInputEnded(rowsRead);

        public void Dispose() => journal.Dispose();

        private static string AsText(object? value) =>
            value is SwitchParameter flag ? flag.IsPresent.ToString()
            : value is string text ? text
            : JToken.FromObject(PowerShellValues.ToPlain(value) ?? string.Empty).ToString(Formatting.None);

        private static Uri WithoutUserInfo(Uri server) =>
            string.IsNullOrEmpty(server.UserInfo) ? server : new UriBuilder(server) { UserName = string.Empty, Password = string.Empty }.Uri;
    
        /// <summary>
        /// The rows of the changes handed to a sender, found again by the change itself when the sender tells of a
        /// request: Core knows only changes. A change is handed once and sent once (a request sent again after a
        /// lost connection is the same request), so its entry goes when it is sent.
        /// </summary>
        internal sealed class SendLog<TChange> : ISendLog<TChange>
            where TChange : class
        {
            private readonly ChangeJournal journal;
            private readonly ConcurrentDictionary<TChange, long> rows = new ConcurrentDictionary<TChange, long>(SameObject.Instance);

            internal SendLog(ChangeJournal journal)
            {
                this.journal = journal;
            }

            /// <summary>The change of row <paramref name="number"/> is about to be handed to the sender.</summary>
            public void Expect(TChange change, long number) => rows[change] = number;

            /// <summary>
            /// Records the changes' rows as sent, on stable storage, on a thread of the pool: the flush takes about a
            /// millisecond, in which the pipeline thread goes on reading inputs and filling the next request.
            /// </summary>
            public Task SendingAsync(IReadOnlyList<TChange> changes)
            {
                var sent = changes.Select(c => rows.TryRemove(c, out var row) ? row : throw new InvalidOperationException("A change was sent that was never handed to the sender, or sent twice.")).ToList();
                return Task.Run(() => journal.Sent(sent));
            }

            private sealed class SameObject : IEqualityComparer<TChange>
            {
                public static readonly SameObject Instance = new SameObject();

                public bool Equals(TChange? x, TChange? y) => ReferenceEquals(x, y);

                public int GetHashCode(TChange obj) => RuntimeHelpers.GetHashCode(obj);
            }
        }
    }
}
