using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>
    /// Counts what became of every input of one cmdlet call, so that a run stopped with Ctrl+C can say, for each input,
    /// whether it was sent and answered, sent with an unknown outcome, or not sent. One writer (the pipeline thread).
    /// </summary>
    public sealed class RunLedger
    {
        private readonly List<StoppedInput> stopped = new List<StoppedInput>();

        /// <summary>Inputs read from the pipeline or the command line.</summary>
        public int Read { get; private set; }

        /// <summary>Inputs refused before sending (invalid), each with its own error.</summary>
        public int Invalid { get; private set; }

        /// <summary>Inputs declined by -WhatIf or -Confirm, or with nothing to change.</summary>
        public int Skipped { get; private set; }

        /// <summary>Inputs whose result or error was written.</summary>
        public int Written { get; private set; }

        public IReadOnlyList<StoppedInput> Stopped => stopped;

        /// <summary>Inputs in none of the buckets: 0 once every input is accounted for.</summary>
        public int Unaccounted => Read - Invalid - Skipped - Written - stopped.Count;

        public void CountRead() => Read++;

        public void CountInvalid() => Invalid++;

        public void CountSkipped() => Skipped++;

        public void CountWritten(int count = 1) => Written += count;

        /// <summary>
        /// Records an input left without a result by the stop; <paramref name="input"/> names it, e.g. "Row 7: task 1042 (Retry)",
        /// and <paramref name="target"/> is the input object itself (a CSV row), so that it can be sent again.
        /// </summary>
        public void CountStopped(string input, StoppedFate fate, object? target = null) => stopped.Add(new StoppedInput(input, fate, target));

        /// <summary>The fate of an input whose request ended with <paramref name="cancelled"/>.</summary>
        public static StoppedFate FateOf(System.OperationCanceledException cancelled) =>
            cancelled is RequestCancelledException request && request.OutcomeUnknown ? StoppedFate.OutcomeUnknown : StoppedFate.NotSent;

        /// <summary>One line per input left without a result, then the totals: for -Verbose after a stop.</summary>
        public IReadOnlyList<string> StopLines()
        {
            var lines = stopped.Select(s => s.Name + ": " + Describe(s.Fate)).ToList();
            lines.Add(Summary());
            return lines;
        }

        /// <summary>
        /// The warning for the user, naming <paramref name="account"/> (where the account is kept): after Ctrl+C, when
        /// some changes may or may not have been applied; after any other early end (<paramref name="why"/>), when
        /// some input has no result written. Null when there is nothing to warn of.
        /// </summary>
        public string? Warning(string? why, string account)
        {
            var unknown = Count(StoppedFate.OutcomeUnknown);
            if (why == null)
            {
                return unknown == 0
                    ? null
                    : Number(unknown, "change was", "changes were") + " with the server when the command was stopped; whether they applied is unknown. " + account + " lists them with their input: check them before sending them again.";
            }

            return stopped.Count == 0
                ? null
                : "The command ended before its input did (" + why.TrimEnd('.') + "). Of " + Number(Read, "input", "inputs") + " read, " + stopped.Count + " had no result written: "
                    + Count(StoppedFate.AnsweredNotWritten) + " sent and answered, " + unknown + " sent with unknown outcome, " + Count(StoppedFate.NotSent) + " not sent. "
                    + account + " lists each with its fate and input" + (unknown == 0 ? "." : ": check the unknown ones before sending them again.");
        }

        /// <summary>The account of a run that ended early (<paramref name="why"/>, null for Ctrl+C), as an object, for hosts and runbooks that have no console to show it.</summary>
        public StopReport Report(string command, string? why, string account) =>
            new StopReport(command, why ?? "stopped (Ctrl+C)", Read, Written + Count(StoppedFate.AnsweredNotWritten), Count(StoppedFate.OutcomeUnknown), Count(StoppedFate.NotSent),
                Invalid, Skipped, Unaccounted, stopped.ToArray(), StopLines(), Warning(why, account));

        private string Summary()
        {
            var answered = Written + Count(StoppedFate.AnsweredNotWritten);
            var text = "Stopped after " + Number(Read, "input", "inputs") + ": "
                + answered + " sent and answered, "
                + Count(StoppedFate.OutcomeUnknown) + " sent with unknown outcome, "
                + Count(StoppedFate.NotSent) + " not sent, "
                + Invalid + " refused as invalid, "
                + Skipped + " skipped.";
            return Unaccounted == 0 ? text : text + " " + Unaccounted + " not accounted for (a defect: please report it).";
        }

        private int Count(StoppedFate fate) => stopped.Count(s => s.Fate == fate);

        private static string Describe(StoppedFate fate)
        {
            switch (fate)
            {
                case StoppedFate.OutcomeUnknown: return "sent, outcome unknown (stopped while the server had it); check it before sending it again.";
                case StoppedFate.AnsweredNotWritten: return "sent and answered; its result was not written because the command was stopped.";
                default: return "not sent.";
            }
        }

        private static string Number(int count, string one, string many) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
    }
}

