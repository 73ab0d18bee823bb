using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Journal;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// An input of a change cmdlet as read: its number, its row, its name as results, errors and the stop account give
    /// it ("Row 7: task 1042 (Retry)"; while it is validated, only "Row 7"), the input object itself (a CSV row), and
    /// the change it became or the error that refused it. With a journal, where an earlier run left it.
    /// </summary>
    internal sealed class ChangeInput<TChange>
        where TChange : class, IChange
    {
        public ChangeInput(long number, string row, object target)
            : this(number, row, row, target)
        {
        }

        private ChangeInput(long number, string row, string name, object target)
        {
            Number = number;
            Row = row;
            Name = name;
            Target = target;
        }

        public long Number { get; }

        public string Row { get; }

        public string Name { get; }

        public object Target { get; }

        public TChange? Change { get; private set; }

        public ErrorRecord? Refusal { get; private set; }

        /// <summary>Why whether an earlier run's request applied cannot be found out (a read failed); null otherwise.</summary>
        public string? UnknownBecause { get; private set; }

        /// <summary>Refused before any request; else refused by a read from the server.</summary>
        public bool Invalid { get; private set; }

        /// <summary>Where an earlier run on the journal left the input (known once it is read, before it is validated); null when it is new.</summary>
        public JournalState? Before { get; set; }

        /// <summary>An earlier run wrote its outcome: it is written again as recorded, neither validated nor sent.</summary>
        public bool FinishedBefore => Finished(Before);

        /// <summary>An earlier run sent it and recorded no answer.</summary>
        public bool SentBefore => Sent(Before);

        /// <summary>What became of the input when the run ends before the sender has it: where the journal had it.</summary>
        public StoppedFate FateOutsideSender => FinishedBefore ? StoppedFate.AnsweredNotWritten : SentBefore ? StoppedFate.OutcomeUnknown : StoppedFate.NotSent;

        /// <summary>The error of this input's own failure, named as results and errors name it.</summary>
        public ErrorRecord Failed(ItemFailure failure, ApiName api) => ErrorRecords.ForItem(failure, api, Name + " failed: " + failure.Reason, Target);

        /// <summary>Whether an earlier run left an input at <paramref name="before"/> with its outcome written.</summary>
        public static bool Finished(JournalState? before) => before == JournalState.Succeeded || before == JournalState.Failed;

        /// <summary>Whether an earlier run left an input at <paramref name="before"/> sent, with no answer recorded.</summary>
        public static bool Sent(JournalState? before) => before == JournalState.Sent || before == JournalState.OutcomeUnknown;

        public ChangeInput<TChange> Named(string name) => new ChangeInput<TChange>(Number, Row, name, Target) { Before = Before };

        public ChangeInput<TChange> Valid(TChange change) => new ChangeInput<TChange>(Number, Row, Row + ": " + change.Name, Target) { Change = change, Before = Before };

        public ChangeInput<TChange> Refused(ErrorRecord refusal, bool invalid) => new ChangeInput<TChange>(Number, Row, Name, Target) { Refusal = refusal, Invalid = invalid, Before = Before };

        public ChangeInput<TChange> Unknown(string because) => new ChangeInput<TChange>(Number, Row, Name, Target) { UnknownBecause = because, Before = Before };
    }
}
