using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// What indexing needs of a record (its type, row or rows, state and fingerprint), read straight from the UTF-8
    /// bytes of its line. The line must be one whole JSON object, or it is not a record (a torn or damaged line); the
    /// inputs and results it carries are checked as JSON but never built or decoded, so that indexing a large journal
    /// stays fast and small. Whatever its values, a whole object is a record: a row that is not a whole number is one
    /// the record cannot give, not a line cut short. What Newtonsoft reads beyond JSON (comments, single quotes, a
    /// trailing comma, octal numbers, control characters in strings) is refused: no journal this module writes has it.
    /// One summary is read into again for each line.
    /// </summary>
    internal sealed class RecordSummary
    {
        /// <summary>Nesting deeper than this is not a record: the JSON reader that reads records in full refuses it too.</summary>
        private const int MaxDepth = 64;

        /// <summary>The texts a type or state has in a journal this module writes: found without making a string.</summary>
        private static readonly string[] Known =
        {
            JournalRecord.Header, JournalRecord.Run, JournalRecord.Read, JournalRecord.Sent, JournalRecord.Outcome,
            nameof(JournalState.NotSent), nameof(JournalState.Sent), nameof(JournalState.Succeeded), nameof(JournalState.Failed), nameof(JournalState.OutcomeUnknown),
        };

        private static readonly byte[][] KnownBytes = Array.ConvertAll(Known, Encoding.UTF8.GetBytes);
        private static readonly byte[] TypeName = Encoding.UTF8.GetBytes("type");
        private static readonly byte[] RowName = Encoding.UTF8.GetBytes("row");
        private static readonly byte[] RowsName = Encoding.UTF8.GetBytes("rows");
        private static readonly byte[] StateName = Encoding.UTF8.GetBytes("state");
        private static readonly byte[] FingerprintName = Encoding.UTF8.GetBytes("fingerprint");

        private readonly List<long> rows = new List<long>();
        private byte[] line = new byte[0];
        private int lineStart;
        private int lineEnd;
        private int position;
        private Text fingerprint;
        private long? row;

        /// <summary>Whether the rows are an array of whole numbers only.</summary>
        private bool rowsRead;

        public string? Type { get; private set; }

        public string? State { get; private set; }

        /// <summary>Reads the line <paramref name="count"/> bytes long at <paramref name="start"/> of <paramref name="bytes"/>; null when it is not one whole JSON object.</summary>
        [MethodImpl(Jit.Optimized)]
        public RecordSummary? Read(byte[] bytes, int start, int count)
        {
            line = bytes;
            lineStart = position = start;
            lineEnd = start + count;
            Type = State = null;
            row = null;
            rows.Clear();
            rowsRead = false;
            fingerprint = default;
            SkipWhitespace();
            return Peek() == (byte)'{' && ReadContainer(1) && AtEnd() ? this : null;
        }

        /// <summary>The whole line as text.</summary>
        public string LineText() => Encoding.UTF8.GetString(line, lineStart, lineEnd - lineStart);

        /// <summary>The row; one missing, or not a whole number that fits a long, is a <see cref="FormatException"/>.</summary>
        public long Row() => row ?? throw new FormatException("no row, or one that is not a whole number");

        /// <summary>The rows; missing, not an array, or with an item that is not a whole number that fits a long, they are a <see cref="FormatException"/>.</summary>
        public IReadOnlyList<long> Rows() => rowsRead ? rows : throw new FormatException("no rows, or rows that are not whole numbers");

        /// <summary>The fingerprint as two halves; a missing or malformed one is a <see cref="FormatException"/>.</summary>
        public (ulong High, ulong Low) Fingerprint()
        {
            if (fingerprint.Start == 0)
            {
                throw new FormatException("no fingerprint");
            }

            if (!fingerprint.Escaped && fingerprint.Length == 32 && TryHex(fingerprint.Start, out var high) && TryHex(fingerprint.Start + 16, out var low))
            {
                return (high, low);
            }

            return JournalIndex.Split(Decode(fingerprint));
        }

        /// <summary>Reads the value of a member of the record, keeping it when indexing needs it.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool ReadMember(Text name)
        {
            if (Is(name, TypeName))
            {
                Type = null;
                return Peek() == (byte)'"' ? ReadKnownOrDecoded(out var type) && (Type = type) != null : SkipValue(2);
            }

            if (Is(name, StateName))
            {
                State = null;
                return Peek() == (byte)'"' ? ReadKnownOrDecoded(out var state) && (State = state) != null : SkipValue(2);
            }

            if (Is(name, FingerprintName))
            {
                fingerprint = default;
                return Peek() == (byte)'"' ? ReadString(out fingerprint) : SkipValue(2);
            }

            if (Is(name, RowName))
            {
                return ReadRow(2, out row);
            }

            return Is(name, RowsName) ? ReadRows() : SkipValue(2);
        }

        /// <summary>An array of row numbers; an array with anything else in it, or any other value, is checked but not taken.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool ReadRows()
        {
            rows.Clear();
            rowsRead = false;
            if (Peek() != (byte)'[')
            {
                return SkipValue(2);
            }

            position++;
            SkipWhitespace();
            if (Peek() == (byte)']')
            {
                position++;
                rowsRead = true;
                return true;
            }

            var allRows = true;
            while (true)
            {
                if (!ReadRow(3, out var item))
                {
                    return false;
                }

                allRows &= item != null;
                rows.Add(item ?? 0);
                SkipWhitespace();
                switch (Next())
                {
                    case (byte)',':
                        SkipWhitespace();
                        continue;
                    case (byte)']':
                        rowsRead = allRows;
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <summary>
        /// A value that should be a row number at <paramref name="depth"/>: <paramref name="value"/> is null when it is
        /// anything but a whole number that fits a long (the JSON reader reads a larger one as a BigInteger, and one
        /// with a fraction or exponent as a double, even 1.0); false when it is not JSON.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private bool ReadRow(int depth, out long? value)
        {
            value = null;
            var start = position;
            var first = Peek();
            if (first != (byte)'-' && (first < (byte)'0' || first > (byte)'9'))
            {
                return SkipValue(depth);
            }

            if (!SkipNumber(out var integer))
            {
                return false;
            }

            if (integer && TryLong(start, out var number))
            {
                value = number;
            }

            return true;
        }

        /// <summary>Checks any JSON value, and steps past it; <paramref name="depth"/> is its depth should it be an object or array.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool SkipValue(int depth)
        {
            switch (Peek())
            {
                case (byte)'{':
                case (byte)'[':
                    return depth <= MaxDepth && ReadContainer(depth);
                case (byte)'"':
                    return ReadString(out _);
                case (byte)'t':
                    return SkipLiteral("true");
                case (byte)'f':
                    return SkipLiteral("false");
                case (byte)'n':
                    return SkipLiteral("null");
                default:
                    return SkipNumber(out _);
            }
        }

        /// <summary>
        /// Checks an object or array at <paramref name="depth"/> (the record itself is 1) and steps past it; the members
        /// of the record go through <see cref="ReadMember"/>.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private bool ReadContainer(int depth)
        {
            var close = Next() == (byte)'{' ? (byte)'}' : (byte)']';
            SkipWhitespace();
            if (Peek() == close)
            {
                position++;
                return true;
            }

            while (true)
            {
                if (close == (byte)'}')
                {
                    if (!ReadString(out var name))
                    {
                        return false;
                    }

                    SkipWhitespace();
                    if (Next() != (byte)':')
                    {
                        return false;
                    }

                    SkipWhitespace();
                    if (!(depth == 1 ? ReadMember(name) : SkipValue(depth + 1)))
                    {
                        return false;
                    }
                }
                else if (!SkipValue(depth + 1))
                {
                    return false;
                }

                SkipWhitespace();
                var next = Next();
                if (next == close)
                {
                    return true;
                }

                if (next != (byte)',')
                {
                    return false;
                }

                SkipWhitespace();
            }
        }

        /// <summary>A string: where its characters are, and whether it has escapes.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool ReadString(out Text text)
        {
            text = default;
            if (Next() != (byte)'"')
            {
                return false;
            }

            var start = position;
            var escaped = false;
            while (true)
            {
                var b = Next();
                if (b == (byte)'"')
                {
                    text = new Text(start, position - 1 - start, escaped);
                    return true;
                }

                if (b < 0x20)
                {
                    return false;
                }

                if (b == (byte)'\\')
                {
                    escaped = true;
                    switch (Next())
                    {
                        case (byte)'"':
                        case (byte)'\\':
                        case (byte)'/':
                        case (byte)'b':
                        case (byte)'f':
                        case (byte)'n':
                        case (byte)'r':
                        case (byte)'t':
                            break;
                        case (byte)'u':
                            for (var i = 0; i < 4; i++)
                            {
                                if (HexValue(Next()) < 0)
                                {
                                    return false;
                                }
                            }

                            break;
                        default:
                            return false;
                    }
                }
            }
        }

        /// <summary>A JSON number; <paramref name="integer"/> is true when it has neither fraction nor exponent.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool SkipNumber(out bool integer)
        {
            integer = true;
            if (Peek() == (byte)'-')
            {
                position++;
            }

            if (Peek() == (byte)'0')
            {
                position++;
            }
            else if (!SkipDigits())
            {
                return false;
            }

            if (Peek() == (byte)'.')
            {
                integer = false;
                position++;
                if (!SkipDigits())
                {
                    return false;
                }
            }

            if (Peek() == (byte)'e' || Peek() == (byte)'E')
            {
                integer = false;
                position++;
                if (Peek() == (byte)'+' || Peek() == (byte)'-')
                {
                    position++;
                }

                if (!SkipDigits())
                {
                    return false;
                }
            }

            return true;
        }

        [MethodImpl(Jit.Optimized)]
        private bool SkipDigits()
        {
            var start = position;
            while (Peek() >= (byte)'0' && Peek() <= (byte)'9')
            {
                position++;
            }

            return position > start;
        }

        /// <summary>The JSON integer from <paramref name="start"/> to the position as a long; false when it does not fit one.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool TryLong(int start, out long value)
        {
            value = 0;
            var negative = line[start] == (byte)'-';
            var limit = negative ? (ulong)long.MaxValue + 1 : (ulong)long.MaxValue;
            ulong magnitude = 0;
            for (var i = negative ? start + 1 : start; i < position; i++)
            {
                var digit = (ulong)(line[i] - '0');
                if (magnitude > (limit - digit) / 10)
                {
                    return false;
                }

                magnitude = (magnitude * 10) + digit;
            }

            value = negative ? (long)(0 - magnitude) : (long)magnitude;
            return true;
        }

        private bool SkipLiteral(string literal)
        {
            foreach (var c in literal)
            {
                if (Next() != (byte)c)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The string at the position: one of the <see cref="Known"/> texts when it is one, else decoded.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool ReadKnownOrDecoded(out string? value)
        {
            value = null;
            if (!ReadString(out var text))
            {
                return false;
            }

            if (!text.Escaped)
            {
                for (var i = 0; i < KnownBytes.Length; i++)
                {
                    if (Is(text, KnownBytes[i]))
                    {
                        value = Known[i];
                        return true;
                    }
                }
            }

            value = Decode(text);
            return true;
        }

        [MethodImpl(Jit.Optimized)]
        private bool Is(Text text, byte[] expected)
        {
            if (text.Escaped)
            {
                return Decode(text) == Encoding.UTF8.GetString(expected);
            }

            if (text.Length != expected.Length)
            {
                return false;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (line[text.Start + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A string's characters, escapes resolved (by the JSON reader: strings with escapes are rare).</summary>
        private string Decode(Text text)
        {
            var quoted = Encoding.UTF8.GetString(line, text.Start - 1, text.Length + 2);
            if (!text.Escaped)
            {
                return quoted.Substring(1, quoted.Length - 2);
            }

            using (var reader = new JsonTextReader(new StringReader(quoted)) { DateParseHandling = DateParseHandling.None })
            {
                return reader.ReadAsString()!;
            }
        }

        [MethodImpl(Jit.Optimized)]
        private bool TryHex(int start, out ulong value)
        {
            value = 0;
            for (var i = start; i < start + 16; i++)
            {
                var digit = HexValue(line[i]);
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)digit;
            }

            return true;
        }

        private static int HexValue(byte b) =>
            b >= (byte)'0' && b <= (byte)'9' ? b - '0'
            : b >= (byte)'a' && b <= (byte)'f' ? b - 'a' + 10
            : b >= (byte)'A' && b <= (byte)'F' ? b - 'A' + 10
            : -1;

        /// <summary>
        /// The byte at the position; past the end of the line, 0, which is nowhere valid in JSON (the bytes after the
        /// line in <see cref="line"/> are not the line's).
        /// </summary>
        private byte Peek() => position < lineEnd ? line[position] : (byte)0;

        /// <summary>The byte at the position, stepping past it; past the end of the line, 0.</summary>
        private byte Next() => position < lineEnd ? line[position++] : (byte)0;

        [MethodImpl(Jit.Optimized)]
        private void SkipWhitespace()
        {
            while (Peek() == (byte)' ' || Peek() == (byte)'\t' || Peek() == (byte)'\r' || Peek() == (byte)'\n')
            {
                position++;
            }
        }

        private bool AtEnd()
        {
            SkipWhitespace();
            return position == lineEnd;
        }

        /// <summary>A string's characters in the line: where they start (after the quote, so never 0), how many bytes, whether it has escapes.</summary>
        private struct Text
        {
            public Text(int start, int length, bool escaped)
            {
                Start = start;
                Length = length;
                Escaped = escaped;
            }

            public int Start { get; }

            public int Length { get; }

            public bool Escaped { get; }
        }
    }
}
