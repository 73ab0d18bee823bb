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
        private readonly LineText line = new LineText();

        /// <summary>The names of records' members, each made into a string once, not once per record.</summary>
        private readonly DefaultJsonNameTable names = new DefaultJsonNameTable();
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
        /// The records from the start of the stream as <paramref name="parse"/> reads them from the UTF-8 bytes of each
        /// line (null: not a record), each with its offset and line number (1-based). The bytes handed to
        /// <paramref name="parse"/> are valid only until it returns, and a record only until the next one is asked for.
        /// </summary>
        public IEnumerable<(long Offset, int Line, T Record)> Read<T>(Func<byte[], int, int, T?> parse)
            where T : class
        {
            stream.Position = 0;
            var buffer = new byte[ChunkSize];

            // A line begun in an earlier chunk: its bytes are gathered, so that it is read in one piece.
            var begun = new byte[0];
            var begunLength = 0;
            long position = 0;
            long lineStart = 0;
            var lineNumber = 0;
            (long Offset, int Line)? unreadable = null;
            int count;
            while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                int end;
                while ((end = Array.IndexOf(buffer, (byte)'\n', start, count - start)) >= 0)
                {
                    // Only the last line may be torn: a line that cannot be read, followed by another, is damage.
                    if (unreadable is (long badOffset, int badLine))
                    {
                        throw Damaged(badLine, badOffset);
                    }

                    lineNumber++;
                    T? record;
                    if (begunLength == 0)
                    {
                        record = parse(buffer, start, end - start);
                    }
                    else
                    {
                        Gather(ref begun, ref begunLength, buffer, start, end - start);
                        record = parse(begun, 0, begunLength);
                        begunLength = 0;
                    }

                    if (record == null)
                    {
                        unreadable = (lineStart, lineNumber);
                    }
                    else
                    {
                        yield return (lineStart, lineNumber, record);
                    }

                    start = end + 1;
                    lineStart = position + start;
                }

                Gather(ref begun, ref begunLength, buffer, start, count - start);
                position += count;
            }

            // A last line without its end, or a whole one that cannot be read, is a write the crash cut short.
            End = unreadable?.Offset ?? lineStart;
        }

        private static void Gather(ref byte[] gathered, ref int length, byte[] bytes, int start, int count)
        {
            if (length + count > gathered.Length)
            {
                Array.Resize(ref gathered, Math.Max(length + count, gathered.Length * 2));
            }

            Buffer.BlockCopy(bytes, start, gathered, length, count);
            length += count;
        }

        /// <summary>The record on the line that starts at <paramref name="offset"/>, as JSON.</summary>
        public JObject ReadAt(long offset) => ReadAt(offset, reader => JObject.Load(reader));

        /// <summary>
        /// The record on the line that starts at <paramref name="offset"/>, as <paramref name="read"/> makes it from a
        /// reader on the record's start; it leaves the reader on the record's end.
        /// </summary>
        public T ReadAt<T>(long offset, Func<JsonReader, T> read)
        {
            try
            {
                using (var reader = new JsonTextReader(LineAt(offset)) { DateParseHandling = DateParseHandling.None, ArrayPool = ReusedChars.Instance, PropertyNameTable = names })
                {
                    if (reader.Read() && reader.TokenType == JsonToken.StartObject)
                    {
                        var record = read(reader);
                        if (reader.TokenType == JsonToken.EndObject && !reader.Read())
                        {
                            return record;
                        }
                    }
                }
            }
            catch (JsonException)
            {
            }

            throw Damaged(null, offset);
        }

        /// <summary>
        /// The text of the line that starts at <paramref name="offset"/>, decoded into <see cref="line"/>: a resume
        /// reads one line per row, and a string for each was much of what it allocated. Lines are read through a window
        /// of the file, so that reading the rows of a resume in order costs one read per window, not one per row. Bytes
        /// once written never change (a journal is only appended to), so the window never goes stale.
        /// </summary>
        private TextReader LineAt(long offset)
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
                    return line.Decode(window, from, end - from);
                }

                // A line that goes on past the window: its bytes are gathered and decoded once, so no character is cut.
                longLine = longLine ?? new MemoryStream();
                longLine.Write(window, from, (end < 0 ? windowLength : end) - from);
                if (end >= 0 || windowLength == 0)
                {
                    return line.Decode(longLine.GetBuffer(), 0, (int)longLine.Length);
                }

                position = windowStart + windowLength;
            }
        }

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
                using (var reader = NewReader(text))
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

        private static JsonTextReader NewReader(string text) =>
            new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, ArrayPool = ReusedChars.Instance };

        /// <summary>The characters of one line, decoded into a buffer used again for the next line.</summary>
        private sealed class LineText : TextReader
        {
            private char[] chars = new char[1024];
            private int length;
            private int position;

            public LineText Decode(byte[] bytes, int start, int count)
            {
                if (chars.Length < count)
                {
                    chars = new char[Math.Max(count, chars.Length * 2)];
                }
                else if (chars.Length > ChunkSize && count <= ChunkSize)
                {
                    // A buffer made for a huge line is not kept for the short ones after it.
                    chars = new char[1024];
                }

                length = Encoding.UTF8.GetChars(bytes, start, count, chars, 0);
                position = 0;
                return this;
            }

            public override int Peek() => position < length ? chars[position] : -1;

            public override int Read() => position < length ? chars[position++] : -1;

            public override int Read(char[] buffer, int index, int count)
            {
                var read = Math.Min(count, length - position);
                Array.Copy(chars, position, buffer, index, read);
                position += read;
                return read;
            }

            /// <summary>Closing the reader made over the line (as disposing a JSON reader does) leaves the buffer for the next line.</summary>
            protected override void Dispose(bool disposing)
            {
            }
        }
    }
}
