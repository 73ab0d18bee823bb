using System.Collections.Generic;
using System.IO;
using System.Text;
using GovernanceModule.Core.Journal;
using Xunit;

namespace GovernanceModule.Core.Tests.Journal
{
    /// <summary>How a journal's lines are split from its bytes and read for its index, without a JSON tree.</summary>
    public sealed class JournalLinesTests
    {
        private const string Outcome =
            "{\"type\":\"outcome\",\"row\":7,\"state\":\"Failed\",\"resultType\":\"Some.Result\",\"result\":{\"Note\":\"caf\u00e9 \u20ac \ud83d\ude00 \\\"q\\\" \\u00e9\",\"Fields\":{\"a\":[1,-2.5e3,true,false,null,{}],\"b\":[]},\"Row\":7},\"errorId\":\"X\",\"message\":\"m\"}";

        private static RecordSummary? Summary(string line)
        {
            var bytes = Encoding.UTF8.GetBytes("garbage" + line + "\n{");
            return new RecordSummary().Read(bytes, 7, bytes.Length - 9);
        }

        [Fact]
        public void A_summary_holds_what_the_index_needs_of_each_record()
        {
            var read = Summary("{\"type\":\"read\",\"row\":12,\"name\":\"task 1 (SetNote)\",\"fingerprint\":\"0123456789abcdefFEDCBA9876543210\",\"input\":{\"TaskId\":\"1\"}}")!;
            Assert.Equal((JournalRecord.Read, 12L), (read.Type, read.Row()));
            Assert.Equal((0x0123456789abcdefUL, 0xFEDCBA9876543210UL), read.Fingerprint());

            var outcome = Summary(Outcome)!;
            Assert.Equal((JournalRecord.Outcome, 7L, "Failed"), (outcome.Type, outcome.Row(), outcome.State));
            Assert.Throws<System.FormatException>(() => outcome.Fingerprint());

            var sent = Summary("{\"type\":\"sent\",\"rows\":[3,4,5]}")!;
            Assert.Equal(JournalRecord.Sent, sent.Type);
            Assert.Equal(new long[] { 3, 4, 5 }, sent.Rows());
        }

        [Fact]
        public void Escapes_whitespace_and_line_ends_read_as_JSON_says()
        {
            var summary = Summary(" {\r\n \"typ\\u0065\" : \"outcome\" ,\t\"row\":2,\"state\":\"Succ\\u0065eded\",\"x\":\"\\\\\\/\\b\\f\\n\\r\\t\"}\r")!;
            Assert.Equal((JournalRecord.Outcome, 2L, "Succeeded"), (summary.Type, summary.Row(), summary.State));
            Assert.Equal("a fingerprint of 3 characters", Assert.Throws<System.FormatException>(() => Summary("{\"fingerprint\":\"\\u0041bc\"}")!.Fingerprint()).Message);
            Assert.NotNull(Summary("{}"));
            Assert.NotNull(Summary("{\"a\":" + new string('[', 63) + new string(']', 63) + "}"));
        }

        [Fact]
        public void A_record_cut_short_anywhere_is_not_a_record()
        {
            var bytes = Encoding.UTF8.GetBytes(Outcome);
            var summary = new RecordSummary();
            Assert.NotNull(summary.Read(bytes, 0, bytes.Length));
            for (var length = 0; length < bytes.Length; length++)
            {
                // The bytes after the cut are still in the buffer: the line's end is where the cut is, not where the buffer ends.
                Assert.True(summary.Read(bytes, 0, length) == null, "cut after " + length + " bytes");
            }
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"type\"")]
        [InlineData("{\"a\":1}{\"b\":2}")]
        [InlineData("{\"a\":1} x")]
        [InlineData("{\"a\":1,}")]
        [InlineData("{,}")]
        [InlineData("{\"a\" 1}")]
        [InlineData("{\"a\":01}")]
        [InlineData("{\"a\":1.}")]
        [InlineData("{\"a\":-}")]
        [InlineData("{\"a\":1e}")]
        [InlineData("{\"a\":tru}")]
        [InlineData("{\"a\":nul}")]
        [InlineData("{\"a\":[1 2]}")]
        [InlineData("{\"a\":\"x\\q\"}")]
        [InlineData("{\"a\":\"\\u12g4\"}")]
        [InlineData("{\"a\":\"tab\there\"}")]
        [InlineData("{'a':1}")]
        [InlineData("{a:1}")]
        public void A_line_that_is_not_one_whole_JSON_object_is_not_a_record(string line)
        {
            Assert.Null(Summary(line));
        }

        /// <summary>
        /// A whole JSON object is a record, whatever its values: a row or rows that are not whole numbers make the
        /// record one that does not fit (a damaged journal), never a torn line that is quietly cut off.
        /// </summary>
        [Theory]
        [InlineData("{\"type\":\"read\",\"row\":1.5}")]
        [InlineData("{\"type\":\"read\",\"row\":\"1\"}")]
        [InlineData("{\"type\":\"read\",\"row\":9223372036854775808}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,\"2\"]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":3}")]
        [InlineData("{\"type\":\"sent\"}")]
        public void A_row_that_is_not_a_whole_number_is_a_record_whose_row_cannot_be_read(string line)
        {
            var summary = Summary(line)!;
            Assert.NotNull(summary);
            Assert.Throws<System.FormatException>(() => summary.Row());
            Assert.Throws<System.FormatException>(() => summary.Rows());
        }

        [Fact]
        public void A_whole_last_record_whose_row_is_not_a_number_is_damage_not_a_torn_line()
        {
            var text = "{\"type\":\"journal\",\"version\":2,\"command\":\"c\",\"parameters\":{},\"connection\":\"https://127.0.0.1/\",\"module\":\"0\"}\n"
                + "{\"type\":\"read\",\"row\":1,\"fingerprint\":\"0123456789abcdef0123456789abcdef\"}\n"
                + "{\"type\":\"outcome\",\"row\":\"1\",\"state\":\"Succeeded\"}\n";
            var ex = Assert.Throws<JournalException>(() => JournalIndex.Build(new JournalLines(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.journal"), "test.journal"));
            Assert.Equal(JournalProblem.Damaged, ex.Problem);
            Assert.Contains("line 3", ex.Message);
        }

        [Fact]
        public void Row_numbers_are_read_to_the_ends_of_a_long()
        {
            Assert.Equal(long.MaxValue, Summary("{\"row\":9223372036854775807}")!.Row());
            Assert.Equal(long.MinValue, Summary("{\"row\":-9223372036854775808}")!.Row());
            Assert.Equal(1000000000000000000L, Summary("{\"row\":1000000000000000000}")!.Row());
            Assert.Equal(new long[] { 5, -2 }, Summary("{\"rows\":[ 5 , -2 ]}")!.Rows());
        }

        [Fact]
        public void Nesting_deeper_than_the_JSON_reader_takes_is_not_a_record()
        {
            Assert.Null(Summary("{\"a\":" + new string('[', 64) + new string(']', 64) + "}"));
            Assert.Null(JournalLines.TryParse("{\"a\":" + new string('[', 64) + new string(']', 64) + "}"));
        }

        /// <summary>Lines of every length around the chunk size, with multi-byte characters, so that line ends and characters fall on every side of a chunk's end.</summary>
        [Fact]
        public void Lines_are_whole_across_chunks_with_multi_byte_characters_and_long_lines()
        {
            var lines = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                lines.Add("{\"n\":" + i + ",\"s\":\"" + new string('\u00e9', 1000 + (i * 37)) + "\ud83d\ude00\"}");
            }

            lines.Add("{\"long\":\"" + new string('\u20ac', 100000) + "\"}");
            lines.Add("{\"n\":\"after the long line\"}");
            var text = string.Join("\n", lines) + "\n";
            var bytes = Encoding.UTF8.GetBytes(text);
            var journal = new JournalLines(new MemoryStream(bytes), "test.journal");

            var read = new List<(long Offset, int Line, string Text)>();
            foreach (var (offset, line, record) in journal.Read((b, start, count) => Encoding.UTF8.GetString(b, start, count)))
            {
                read.Add((offset, line, record));
            }

            Assert.Equal(lines, read.ConvertAll(r => r.Text));
            long expectedOffset = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                Assert.Equal((expectedOffset, i + 1), (read[i].Offset, read[i].Line));
                expectedOffset += Encoding.UTF8.GetByteCount(lines[i]) + 1;
            }

            Assert.Equal(bytes.Length, journal.End);
            Assert.Equal(new string('\u20ac', 100000), journal.ReadAt(read[^2].Offset)["long"]!.ToString());
        }

        [Theory]
        [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":", 2, 16)]
        [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":3", 2, 16)]
        [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":\n", 2, 16)]
        [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":\n{\"a\":", 2, 16)]
        [InlineData("{\"a\":1}\n{\"a\":2}\n", 2, 16)]
        public void A_torn_last_line_is_left_out_and_the_end_is_where_it_starts(string text, int whole, long end)
        {
            var journal = new JournalLines(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.journal");
            var count = 0;
            foreach (var _ in journal.Read(new RecordSummary().Read))
            {
                count++;
            }

            Assert.Equal((whole, end), (count, journal.End));
        }

        [Fact]
        public void A_line_that_cannot_be_read_before_a_whole_line_is_damage_naming_it()
        {
            var journal = new JournalLines(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":\n{\"a\":3}\n")), "test.journal");
            var ex = Assert.Throws<JournalException>(() =>
            {
                foreach (var _ in journal.Read(new RecordSummary().Read))
                {
                }
            });
            Assert.Equal(JournalProblem.Damaged, ex.Problem);
            Assert.Contains("line 2", ex.Message);
        }
    }
}
