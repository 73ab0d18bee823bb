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

        public JournalLines(Stream stream, string path)
        {
            this.stream = stream;
            this.path = path;
        }

        /// <summary>The end of the last whole line read: the length the file is to have when a torn last line is cut off.</summary>
        public long End { get; private set; }

        /// <summary>The records from the start of the stream, each with its offset and line number (1-based).</summary>
        public IEnumerable<(long Offset, int Line, JObject Record)> Read()
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

                    line.Write(buffer, start, i - start);
                    start = i + 1;
                    lineNumber++;

                    // A line is parsed once the next one is whole: only the last line may be torn.
                    if (previous is (long offset, int number, string text))
                    {
                        yield return (offset, number, Parse(text, number, offset));
                    }

                    previous = (lineStart, lineNumber, Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
                    line.SetLength(0);
                    lineStart = position + i + 1;
                }

                line.Write(buffer, start, count - start);
                position += count;
            }

            End = lineStart;
            if (previous is (long lastOffset, int lastNumber, string lastText))
            {
                var last = TryParse(lastText);
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

        /// <summary>The record on the line that starts at <paramref name="offset"/>.</summary>
        public JObject ReadAt(long offset)
        {
            stream.Position = offset;
            var line = new MemoryStream();
            int b;
            while ((b = stream.ReadByte()) >= 0 && b != '\n')
            {
                line.WriteByte((byte)b);
            }

            return Parse(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), null, offset);
        }

        private JObject Parse(string text, int? lineNumber, long offset) =>
            TryParse(text) ?? throw new JournalException(
                JournalProblem.Damaged,
                path,
                "The journal " + path + " is damaged at " + (lineNumber == null ? "byte " + offset : "line " + lineNumber)
                + ": it is not a record this module wrote. The file was changed by something else; it cannot be resumed. Use a new -JournalPath, and read this one with Get-GovernanceJournal only after repairing it.");

        private static JObject? TryParse(string text)
        {
            try
            {
                using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None })
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
