using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Journal
{
    /// <summary>Reads a journal without changing it, such as the journal of a run that was killed.</summary>
    public static class JournalFile
    {
        /// <summary>
        /// One entry per input in row order, streamed: the file is read once to index it, then each row's records are
        /// read where they are. <paramref name="inputOf"/> makes the entry's input from a reader on the recorded values
        /// (and leaves the reader on their last token).
        /// </summary>
        public static IEnumerable<JournalEntry> ReadEntries(string path, Func<JsonReader, object?> inputOf)
        {
            using (var stream = OpenForReading(path))
            {
                var lines = new JournalLines(stream, path);
                var index = JournalIndex.Build(lines, path);
                for (long row = 1; row <= index.Count; row++)
                {
                    var (name, input) = lines.ReadAt(index.ReadOffsetOf(row), reader => ReadInput(reader, inputOf));
                    var outcomeOffset = index.OutcomeOffsetOf(row);
                    var outcome = outcomeOffset < 0 || index.StateOf(row) == JournalState.Sent ? null : lines.ReadAt(outcomeOffset, reader => RecordedOutcome.Read(reader, withResult: false));
                    yield return new JournalEntry(row, name ?? string.Empty, index.StateOf(row), outcome?.ErrorId, outcome?.Message, input);
                }
            }
        }

        /// <summary>The name and input of a read record.</summary>
        private static (string? Name, object? Input) ReadInput(JsonReader reader, Func<JsonReader, object?> inputOf)
        {
            string? name = null;
            object? input = null;
            JournalRecord.ReadMembers(reader, member =>
            {
                switch (member)
                {
                    case "name":
                        name = reader.Value as string;
                        return false;
                    case "input":
                        input = inputOf(reader);
                        return true;
                    default:
                        return false;
                }
            });

            return (name, input);
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
