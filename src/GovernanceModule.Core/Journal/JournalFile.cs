using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>Reads a journal without changing it, such as the journal of a run that was killed.</summary>
    public static class JournalFile
    {
        /// <summary>
        /// One entry per input in row order, streamed: the file is read once to index it, then each row's records are
        /// read where they are. <paramref name="inputOf"/> turns the recorded values into the entry's input.
        /// </summary>
        public static IEnumerable<JournalEntry> ReadEntries(string path, Func<JToken, object?> inputOf)
        {
            using (var stream = OpenForReading(path))
            {
                var lines = new JournalLines(stream, path);
                var index = JournalIndex.Build(lines, path);
                for (long row = 1; row <= index.Count; row++)
                {
                    var read = lines.ReadAt(index.ReadOffsetOf(row));
                    var outcomeOffset = index.OutcomeOffsetOf(row);
                    var outcome = outcomeOffset < 0 || index.StateOf(row) == JournalState.Sent ? null : RecordedOutcome.FromRecord(lines.ReadAt(outcomeOffset));
                    yield return new JournalEntry(row, (string?)read["name"] ?? string.Empty, index.StateOf(row), outcome?.ErrorId, outcome?.Message, inputOf(read["input"] ?? JValue.CreateNull()));
                }
            }
        }

        private static FileStream OpenForReading(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            }
            catch (IOException ex) when (RunJournal.IsSharingViolation(ex))
            {
                throw new JournalException(
                    JournalProblem.InUse,
                    path,
                    "The journal " + path + " is in use by a running command. Read it when that run has ended or its process is gone.",
                    ex);
            }
        }
    }
}
