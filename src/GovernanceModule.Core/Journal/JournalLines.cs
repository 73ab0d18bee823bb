using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// The lines of a journal file, one JSON object each, with where each starts. A last line that is cut short or
    /// cannot be read is what a crash in the middle of a write leaves: it is not returned, and <see cref="End"/> is
    /// where it starts, so that a writer can cut it off. Any other line that cannot be read makes the file damaged.
    /// </summary>
    internal sealed class JournalLines
    {
        private const int ChunkSize = 64 * 1024;
        private readonly Stream stream;
        private readonly string path;
        private readonly byte[] window = new byte[ChunkSize];
        private long windowStart;
        private int windowLength;

        public JournalLines(Stream stream, string path)
        {
            this.stream = stream;
            this.path = path;
        }

        /// <summary>The end of the last whole line read: the length the file is to have when a torn last line is cut off.</summary>
        public long End { get; private set; }

        /// <summary>
        /// The records from the start of the stream as <paramref name="parse"/> reads them (null: not a record), each
        /// with its offset and line number (1-based).
        /// </summary>
        public IEnumerable<(long Offset, int Line, T Record)> Read<T>(Func<string, T?> parse)
            where T : class
        {
            stream.Position = 0;
            var buffer = new byte[ChunkSize];
            var line = new MemoryStream();
            long position = 0;
            long lineStart = 0;
            var lineNumber = 0;
            (long Offset, int Line, string Text)? previous = null;
            int count;
            while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                for (var i = 0; i < count; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    string whole;
                    if (line.Length == 0)
                    {
                        whole = Encoding.UTF8.GetString(buffer, start, i - start);
                    }
                    else
                    {
                        // A line begun in the chunk before: its bytes are gathered and decoded once, so no character is cut.
                        line.Write(buffer, start, i - start);
                        whole = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
                        line.SetLength(0);
                    }

                    start = i + 1;
                    lineNumber++;

                    // A line is parsed once the next one is whole: only the last line may be torn.
                    if (previous is (long offset, int number, string text))
                    {
                        yield return (offset, number, parse(text) ?? throw Damaged(number, offset));
                    }

                    previous = (lineStart, lineNumber, whole);
                    lineStart = position + i + 1;
                }

                line.Write(buffer, start, count - start);
                position += count;
            }

            End = lineStart;
            if (previous is (long lastOffset, int lastNumber, string lastText))
            {
                var last = parse(lastText);
                if (last == null)
                {
                    // A whole last line that cannot be read is a write the crash cut short too.
                    End = lastOffset;
                }
                else
                {
                    yield return (lastOffset, lastNumber, last);
                }
            }
        }

        /// <summary>
        /// The record on the line that starts at <paramref name="offset"/>. Lines are read through a window of the
        /// file, so that reading the rows of a resume in order costs one read per window, not one per row. Bytes once
        /// written never change (a journal is only appended to), so the window never goes stale.
        /// </summary>
        public JObject ReadAt(long offset)
        {
            var position = offset;
            MemoryStream? longLine = null;
            while (true)
            {
                if (position < windowStart || position >= windowStart + windowLength)
                {
                    stream.Position = position;
                    windowStart = position;
                    windowLength = stream.Read(window, 0, window.Length);
                }

                var from = (int)(position - windowStart);
                var end = windowLength == 0 ? -1 : Array.IndexOf(window, (byte)'\n', from, windowLength - from);
                if (end >= 0 && longLine == null)
                {
                    return Parsed(Encoding.UTF8.GetString(window, from, end - from), offset);
                }

                // A line that goes on past the window: its bytes are gathered and decoded once, so no character is cut.
                longLine = longLine ?? new MemoryStream();
                longLine.Write(window, from, (end < 0 ? windowLength : end) - from);
                if (end >= 0 || windowLength == 0)
                {
                    return Parsed(Encoding.UTF8.GetString(longLine.GetBuffer(), 0, (int)longLine.Length), offset);
                }

                position = windowStart + windowLength;
            }
        }

        private JObject Parsed(string text, long offset) => TryParse(text) ?? throw Damaged(null, offset);

        private JournalException Damaged(int? lineNumber, long offset) =>
            new JournalException(
                JournalProblem.Damaged,
                path,
                "The journal " + path + " is damaged at " + (lineNumber == null ? "byte " + offset : "line " + lineNumber)
                + ": it is not a record this module wrote. The file was changed by something else; it cannot be resumed. Use a new -JournalPath.");

        /// <summary>The line as a JSON object; null when it is not one.</summary>
        public static JObject? TryParse(string text)
        {
            try
            {
                using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, ArrayPool = ReusedChars.Instance })
                {
                    var token = JToken.ReadFrom(reader);
                    return reader.Read() ? null : token as JObject;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
