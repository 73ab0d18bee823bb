using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// Where each row of a journal stands: its state, its fingerprint, and where its read and outcome records are, so
    /// that the records themselves stay on disk. About 40 bytes a row, however large the inputs and results, in chunks
    /// that are never copied.
    /// </summary>
    internal sealed class JournalIndex
    {
        /// <summary>Rows per chunk: a chunk stays below the large object heap, and a growing index never copies its rows.</summary>
        private const int ChunkRows = 2000;

        private readonly List<RowEntry[]> chunks = new List<RowEntry[]>();
        private int count;

        private JournalIndex(JournalHeader header)
        {
            Header = header;
        }

        public JournalHeader Header { get; }

        /// <summary>The rows the journal holds: 1 to Count.</summary>
        public long Count => count;

        public JournalState StateOf(long row) => Entry(row).State;

        public long ReadOffsetOf(long row) => Entry(row).ReadOffset;

        /// <summary>Where the row's last outcome record starts; -1 when it has none.</summary>
        public long OutcomeOffsetOf(long row) => Entry(row).OutcomeOffset;

        public bool SameFingerprint(long row, string fingerprint)
        {
            ref var entry = ref Entry(row);
            var (high, low) = Split(fingerprint);
            return entry.FingerprintHigh == high && entry.FingerprintLow == low;
        }

        public static JournalIndex Empty(JournalHeader header) => new JournalIndex(header);

        /// <summary>Reads every record of <paramref name="lines"/>; a record that does not fit the ones before it makes the journal damaged.</summary>
        public static JournalIndex Build(JournalLines lines, string path)
        {
            JournalIndex? index = null;
            foreach (var (offset, line, record) in lines.Read(new RecordSummary().Read))
            {
                if (index == null)
                {
                    var header = record.Type == JournalRecord.Header && JournalLines.TryParse(record.LineText()) is JObject first ? JournalRecord.HeaderOf(first) : null;
                    index = new JournalIndex(header ?? throw Damaged(path, line, "its first line is not the header of a journal this module version writes"));
                    continue;
                }

                try
                {
                    index.Apply(offset, record);
                }
                catch (Exception ex) when (ex is FormatException || ex is ArgumentException)
                {
                    throw Damaged(path, line, "the record does not fit the ones before it (" + ex.Message + ")");
                }
            }

            return index ?? throw Damaged(path, 1, "it is empty");
        }

        /// <summary>A row read now for the first time.</summary>
        public void AddRead(long offset, long row, string fingerprint) => AddRead(offset, row, Split(fingerprint));

        public void SetSent(long row) => Entry(row).State = JournalState.Sent;

        public void SetOutcome(long offset, long row, JournalState state)
        {
            ref var entry = ref Entry(row);
            entry.State = state;
            entry.OutcomeOffset = offset;
        }

        private void AddRead(long offset, long row, (ulong High, ulong Low) fingerprint)
        {
            if (row != count + 1)
            {
                throw new ArgumentException("row " + row + " read after row " + count);
            }

            if (count % ChunkRows == 0)
            {
                chunks.Add(new RowEntry[ChunkRows]);
            }

            count++;
            Entry(row) = new RowEntry { ReadOffset = offset, OutcomeOffset = -1, FingerprintHigh = fingerprint.High, FingerprintLow = fingerprint.Low, State = JournalState.NotSent };
        }

        private void Apply(long offset, RecordSummary record)
        {
            switch (record.Type)
            {
                case JournalRecord.Run:
                    break;
                case JournalRecord.Read:
                    AddRead(offset, record.Row(), record.Fingerprint());
                    break;
                case JournalRecord.Sent:
                    foreach (var row in record.Rows())
                    {
                        SetSent(row);
                    }

                    break;
                case JournalRecord.Outcome:
                    SetOutcome(offset, record.Row(), JournalRecord.ParseState(record.State));
                    break;
                default:
                    throw new FormatException("unknown record type");
            }
        }

        private ref RowEntry Entry(long row)
        {
            if (row < 1 || row > count)
            {
                throw new ArgumentException("row " + row + " was not read");
            }

            var i = (int)(row - 1);
            return ref chunks[i / ChunkRows][i % ChunkRows];
        }

        internal static (ulong High, ulong Low) Split(string fingerprint)
        {
            if (fingerprint.Length != 32)
            {
                throw new FormatException("a fingerprint of " + fingerprint.Length + " characters");
            }

            return (ulong.Parse(fingerprint.Substring(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(fingerprint.Substring(16), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        private static JournalException Damaged(string path, int line, string why) =>
            new JournalException(
                JournalProblem.Damaged,
                path,
                "The journal " + path + " is damaged at line " + line + ": " + why + ". It cannot be resumed; use a new -JournalPath.");

        private struct RowEntry
        {
            public long ReadOffset;
            public long OutcomeOffset;
            public ulong FingerprintHigh;
            public ulong FingerprintLow;
            public JournalState State;
        }
    }
}
