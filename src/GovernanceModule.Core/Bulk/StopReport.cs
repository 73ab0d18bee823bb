using System;
using System.Collections.Generic;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>What a run that ended early did with every input it read: the account written to the console and left in $GovernanceStopReport.</summary>
    public sealed class StopReport
    {
        public StopReport(string command, string reason, int read, int answered, int outcomeUnknown, int notSent, int invalid, int skipped, int unaccounted,
            IReadOnlyList<StoppedInput> inputs, IReadOnlyList<string> lines, string? warning)
        {
            Command = command;
            Reason = reason;
            Read = read;
            Answered = answered;
            OutcomeUnknown = outcomeUnknown;
            NotSent = notSent;
            Invalid = invalid;
            Skipped = skipped;
            Unaccounted = unaccounted;
            Inputs = inputs;
            Lines = lines;
            Warning = warning;
        }

        public string Command { get; }

        /// <summary>Why the run ended before its input: "stopped (Ctrl+C)", or the error or event that ended it.</summary>
        public string Reason { get; }

        public DateTime StoppedAt { get; } = DateTime.Now;

        /// <summary>Inputs read before the stop.</summary>
        public int Read { get; }

        /// <summary>Inputs sent and answered, whether or not their result was written.</summary>
        public int Answered { get; }

        /// <summary>Inputs whose change was with the server at the stop: check them before sending them again.</summary>
        public int OutcomeUnknown { get; }

        /// <summary>Inputs read but never sent: nothing was changed for them.</summary>
        public int NotSent { get; }

        public int Invalid { get; }

        public int Skipped { get; }

        /// <summary>0 unless the module lost track of an input, which is a defect.</summary>
        public int Unaccounted { get; }

        /// <summary>Every input left without a written result, with its fate and its input object.</summary>
        public IReadOnlyList<StoppedInput> Inputs { get; }

        /// <summary>The lines written with -Verbose: one per input in <see cref="Inputs"/>, then the totals.</summary>
        public IReadOnlyList<string> Lines { get; }

        /// <summary>The warning about unknown outcomes, or null when there are none.</summary>
        public string? Warning { get; }

        public override string ToString() => Lines.Count > 0 ? Lines[Lines.Count - 1] : Command;
    }
}
