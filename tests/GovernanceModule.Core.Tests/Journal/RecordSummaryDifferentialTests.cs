using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GovernanceModule.Core.Journal;
using GovernanceModule.Core.Oig;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Journal
{
    /// <summary>
    /// <see cref="RecordSummary"/> against Newtonsoft, which reads records in full: records as the module writes them,
    /// with random values, and those lines cut, changed and spliced. A line is a record exactly when it is one whole
    /// JSON object that Newtonsoft reads, and its type, row, rows, state and fingerprint are what Newtonsoft reads.
    /// One difference is deliberate: Newtonsoft also reads what is not JSON (comments, single quotes, names without
    /// quotes, octal and hex numbers, NaN, control characters in strings, any Unicode space between tokens, a trailing
    /// comma...). The module never writes any of it, so a line with it was written by something else, and the
    /// summary refuses it (a damaged journal, or a torn last line). That a line is strict JSON is told by
    /// System.Text.Json, which reads only RFC 8259 JSON.
    /// </summary>
    public sealed class RecordSummaryDifferentialTests
    {
        private const int Seed = 20261207;

        private static readonly string[] Types = { JournalRecord.Header, JournalRecord.Run, JournalRecord.Read, JournalRecord.Sent, JournalRecord.Outcome };

        private static readonly string[] States = { "NotSent", "Sent", "Succeeded", "Failed", "OutcomeUnknown" };

        /// <summary>Bytes a mutation puts into a line: JSON's own, what Newtonsoft reads beyond JSON, and bytes that are not UTF-8.</summary>
        private static readonly byte[] Inserted = Encoding.Latin1.GetBytes("{}[],:\"\\0123456789-+.eE tfnrux/'*\t\r\v\f\0aAN")
            .Concat(new byte[] { 0x01, 0x1f, 0x7f, 0x80, 0xa0, 0xbf, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xff }).ToArray();

        [Fact]
        public void The_summary_reads_every_line_as_Newtonsoft_does()
        {
            var random = new System.Random(Seed);
            var failures = new List<string>();
            var summary = new RecordSummary();
            var lines = 0;
            foreach (var line in Lines(random))
            {
                lines++;
                var difference = Difference(summary, line);
                if (difference != null && failures.Count < 20)
                {
                    failures.Add(difference + " in " + Show(line));
                }
            }

            Assert.True(lines > 3000, lines + " lines");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        /// <summary>Lines that exposed differences, and lines at the edges of what the summary reads.</summary>
        [Theory]
        [InlineData("{\"type\":\"read\",\"row\":\"1\",\"fingerprint\":\"0123456789abcdef0123456789abcdef\"}")]
        [InlineData("{\"type\":\"read\",\"row\":1.5}")]
        [InlineData("{\"type\":\"read\",\"row\":1e2}")]
        [InlineData("{\"type\":\"read\",\"row\":null}")]
        [InlineData("{\"type\":\"read\",\"row\":{\"a\":[1]}}")]
        [InlineData("{\"type\":\"read\",\"row\":9223372036854775807}")]
        [InlineData("{\"type\":\"read\",\"row\":9223372036854775808}")]
        [InlineData("{\"type\":\"read\",\"row\":-9223372036854775808}")]
        [InlineData("{\"type\":\"read\",\"row\":-9223372036854775809}")]
        [InlineData("{\"type\":\"read\",\"row\":1000000000000000000}")]
        [InlineData("{\"type\":\"read\",\"row\":123456789012345678901234567890}")]
        [InlineData("{\"type\":\"read\",\"row\":-0}")]
        [InlineData("{\"type\":\"read\",\"row\":-3}")]
        [InlineData("{\"type\":\"outcome\"}")]
        [InlineData("{\"type\":\"sent\"}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,\"2\"]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,2.0]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,[2]]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":3}")]
        [InlineData("{\"type\":\"sent\",\"rows\":null}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,99999999999999999999]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,2],\"rows\":[3]}")]
        [InlineData("{\"type\":\"sent\",\"rows\":[1,2],\"rows\":\"x\"}")]
        [InlineData("{\"row\":5,\"row\":\"x\"}")]
        [InlineData("{\"row\":\"x\",\"row\":5}")]
        [InlineData("{\"type\":5,\"state\":true}")]
        [InlineData("{\"\\u0074ype\":\"\\u0072ead\",\"st\\u0061te\":\"Fail\\u0065d\"}")]
        [InlineData("{\"type\":\"read\",\"type\":null}")]
        [InlineData("{\"fingerprint\":\"0123456789abcdef0123456789abcde\\u0066\"}")]
        [InlineData("{\"fingerprint\":\" 123456789abcdef0123456789abcdef\"}")]
        [InlineData("{\"fingerprint\":\"0123456789abcdef0123456789abcdeg\"}")]
        [InlineData("{\"fingerprint\":\"0123456789abcdef0123456789abcd\u00e9\"}")]
        [InlineData("{\"fingerprint\":12}")]
        [InlineData("\ufeff{\"a\":1}")]
        [InlineData("{\"fingerprint\":\"0123456789abcdef0123456789abcdef\",\"fingerprint\":null}")]
        public void Lines_at_the_edges_read_as_Newtonsoft_reads_them(string line)
        {
            Assert.Null(Difference(new RecordSummary(), Encoding.UTF8.GetBytes(line)));
        }

        /// <summary>What Newtonsoft reads beyond JSON: a whole object to Newtonsoft, never a record to the summary.</summary>
        [Theory]
        [InlineData("{\"a\":1,}")]
        [InlineData("{\"a\":[1,]}")]
        [InlineData("{\"a\":01}")]
        [InlineData("{\"a\":0x1F}")]
        [InlineData("{\"a\":NaN}")]
        [InlineData("{'a':1}")]
        [InlineData("{a:1}")]
        [InlineData("{\"a\":1/*c*/}")]
        [InlineData("{\"a\":\"tab\there\"}")]
        [InlineData("{\"a\":\"\\'\"}")]
        [InlineData("{\"a\":\u00a01}")]
        public void What_Newtonsoft_reads_beyond_JSON_is_not_a_record(string line)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.NotNull(Newtonsoft(bytes));
            Assert.False(IsStrictJson(bytes));
            Assert.Null(new RecordSummary().Read(bytes, 0, bytes.Length));
        }

        /// <summary>How the summary and Newtonsoft differ on the line; null when they agree.</summary>
        private static string? Difference(RecordSummary summary, byte[] line)
        {
            // The line sits between other bytes, as in a chunk of the file: the summary must not read past its end.
            var padded = new byte[line.Length + 4];
            padded[0] = (byte)'{';
            padded[1] = (byte)'"';
            System.Array.Copy(line, 0, padded, 2, line.Length);
            padded[^2] = (byte)'"';
            padded[^1] = (byte)'}';
            var read = summary.Read(padded, 2, line.Length);

            var expected = Newtonsoft(line);
            var strict = expected != null && IsStrictJson(line);
            if (read == null)
            {
                return strict ? "the summary refuses a JSON object" : null;
            }

            if (expected == null)
            {
                return "the summary takes a line Newtonsoft refuses";
            }

            if (!strict)
            {
                return "the summary takes a line that is not JSON";
            }

            var got = new Values(read.Type, read.State, Try(() => read.Row().ToString()), Try(() => string.Join(",", read.Rows())), Try(() => read.Fingerprint().ToString()));
            var want = Expected(expected);
            return got == want ? null : "the summary reads " + got + ", Newtonsoft " + want;
        }

        /// <summary>The line as the journal's own reader reads it: the whole object, or null.</summary>
        private static JObject? Newtonsoft(byte[] line) => JournalLines.TryParse(Encoding.UTF8.GetString(line));

        /// <summary>Whether the line is RFC 8259 JSON (after the decoding Newtonsoft sees: bytes that are not UTF-8 become U+FFFD).</summary>
        private static bool IsStrictJson(byte[] line)
        {
            var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line)), new System.Text.Json.JsonReaderOptions { MaxDepth = 1000 });
            try
            {
                while (reader.Read())
                {
                }

                return true;
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        private static Values Expected(JObject record)
        {
            string? Text(string name) => record[name] is JValue { Type: JTokenType.String } value ? (string)value! : null;
            string? Row(JToken? token) => token is JValue { Type: JTokenType.Integer, Value: long row } ? row.ToString() : null;
            var rows = record["rows"] is JArray array ? array.Select(Row).ToList() : null;
            var fingerprint = Text("fingerprint");
            return new Values(
                Text("type"),
                Text("state"),
                Row(record["row"]),
                rows == null || rows.Contains(null) ? null : string.Join(",", rows),
                fingerprint == null ? null : Try(() => JournalIndex.Split(fingerprint).ToString()));
        }

        private static string? Try(System.Func<string> read)
        {
            try
            {
                return read();
            }
            catch (System.FormatException)
            {
                return null;
            }
        }

        private static string Show(byte[] line) => JsonConvert.ToString(Encoding.Latin1.GetString(line));

        private static IEnumerable<byte[]> Lines(System.Random random)
        {
            for (var i = 0; i < 220; i++)
            {
                var record = Encoding.UTF8.GetBytes(i % 2 == 0 ? Written(random) : HandMade(random));
                yield return record;
                foreach (var mutated in Mutations(random, record))
                {
                    yield return mutated;
                }
            }

            for (var depth = 60; depth <= 66; depth++)
            {
                yield return Encoding.UTF8.GetBytes("{\"a\":" + new string('[', depth) + new string(']', depth) + "}");
                yield return Encoding.UTF8.GetBytes("{\"type\":\"read\",\"input\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1));
            }
        }

        /// <summary>A record as the module writes it.</summary>
        private static string Written(System.Random random)
        {
            var text = new StringWriter();
            var writer = new RecordWriter(text);
            var row = random.Next(4) == 0 ? random.NextInt64() : random.Next(1, 100000);
            switch (random.Next(6))
            {
                case 0:
                    JournalRecord.WriteHeader(writer, new JournalHeader(RandomString(random), new Dictionary<string, string> { [RandomString(random)] = RandomString(random) }, new System.Uri("https://h.example/"), RandomString(random)));
                    break;
                case 1:
                    JournalRecord.WriteRun(writer, RandomString(random));
                    break;
                case 2:
                    var input = random.Next(2) == 0
                        ? JournalInput.FromJson(RandomValue(random, 0))
                        : JournalInput.FromText(Enumerable.Range(0, random.Next(4)).Select(c => new KeyValuePair<string, string?>(c + RandomString(random), random.Next(5) == 0 ? null : RandomString(random))).ToArray());
                    JournalRecord.WriteRead(writer, row, RandomString(random), input);
                    break;
                case 3:
                    JournalRecord.WriteSent(writer, Enumerable.Range(0, random.Next(5)).Select(_ => (long)random.Next(1, 1000000)));
                    break;
                case 4:
                    var state = new[] { JournalState.NotSent, JournalState.Succeeded, JournalState.Failed, JournalState.OutcomeUnknown }[random.Next(4)];
                    new RecordedOutcome(state, Maybe(random), Maybe(random), Maybe(random)).WriteRecord(writer, row);
                    break;
                default:
                    var update = ProvTaskUpdate.From(new ProvTaskInput { TaskId = "1042", Field = new Hashtable { ["f" + RandomString(random)] = RandomString(random) } });
                    var result = new ProvTaskResult(update, Maybe(random), RandomString(random), random.Next(2) == 0, Maybe(random), Maybe(random), Maybe(random)) { Row = (int)row };
                    RecordedOutcome.Answered(result, Maybe(random), Maybe(random), Maybe(random)).WriteRecord(writer, row);
                    break;
            }

            return text.ToString();
        }

        /// <summary>A record as something else might write it: members in any order, duplicated, escaped, with space between tokens, and values of any kind.</summary>
        private static string HandMade(System.Random random)
        {
            var members = new List<(string Name, string Value)>
            {
                ("type", JsonConvert.ToString(Types[random.Next(Types.Length)])),
                ("row", RandomRow(random)),
                ("state", JsonConvert.ToString(States[random.Next(States.Length)])),
                ("fingerprint", JsonConvert.ToString(random.Next(8) == 0 ? RandomString(random) : RandomHex(random))),
                ("rows", "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomRow(random))) + "]"),
            };
            for (var i = random.Next(4); i > 0; i--)
            {
                members.Add((RandomString(random), RandomValue(random, 0).ToString(Formatting.None)));
            }

            // Any member, as a value of another kind: what is read of it must be what Newtonsoft reads.
            for (var i = random.Next(3); i > 0; i--)
            {
                var at = random.Next(members.Count);
                members[at] = (members[at].Name, RandomValue(random, 0).ToString(Formatting.None));
            }

            for (var i = random.Next(3); i > 0; i--)
            {
                members.Add(members[random.Next(members.Count)]);
                members.Add((members[random.Next(members.Count)].Name, RandomValue(random, 1).ToString(Formatting.None)));
            }

            members = members.OrderBy(_ => random.Next()).ToList();
            var text = new StringBuilder(Space(random)).Append('{');
            for (var i = 0; i < members.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ",").Append(Space(random)).Append(Escaped(random, members[i].Name)).Append(Space(random)).Append(':')
                    .Append(Space(random)).Append(random.Next(4) == 0 && members[i].Value.StartsWith('"') ? Escaped(random, JsonConvert.DeserializeObject<string>(members[i].Value)!) : members[i].Value).Append(Space(random));
            }

            return text.Append('}').Append(Space(random)).ToString();
        }

        private static IEnumerable<byte[]> Mutations(System.Random random, byte[] line)
        {
            // Torn: cut at every kind of position, and at a few random ones.
            var cuts = new HashSet<int> { 0, 1, line.Length - 1 };
            for (var i = 0; i < line.Length; i++)
            {
                if (i > 0 && line[i] != line[i - 1] && random.Next(Math.Max(1, line.Length / 12)) == 0)
                {
                    cuts.Add(i);
                }
            }

            foreach (var cut in cuts.Where(c => c >= 0 && c < line.Length))
            {
                yield return line[..cut];
            }

            for (var i = 0; i < 3; i++)
            {
                var at = random.Next(line.Length);
                var changed = (byte[])line.Clone();
                changed[at] = Inserted[random.Next(Inserted.Length)];
                yield return changed;
                yield return line[..at].Concat(line[(at + 1)..]).ToArray();
                yield return line[..at].Append(Inserted[random.Next(Inserted.Length)]).Concat(line[at..]).ToArray();
            }

            // Around the punctuation: commas left over or missing, brackets unmatched, names without values.
            var punctuation = Enumerable.Range(0, line.Length).Where(i => "{}[],:".Contains((char)line[i])).ToList();
            for (var i = 0; i < 3 && punctuation.Count > 0; i++)
            {
                var at = punctuation[random.Next(punctuation.Count)];
                var mark = (byte)"{}[],:\" "[random.Next(8)];
                yield return line[..at].Append(mark).Concat(line[at..]).ToArray();
                yield return line[..(at + 1)].Append(mark).Concat(line[(at + 1)..]).ToArray();
                var next = punctuation.FirstOrDefault(p => p > at);
                yield return line[..at].Concat(next > at ? line[next..] : new byte[0]).ToArray();
            }

            var text = Encoding.UTF8.GetString(line);
            switch (random.Next(8))
            {
                case 0:
                    yield return Encoding.UTF8.GetBytes(text + new[] { " x", ",", "}", "{}", " " + text, "\u00a0", "\u2028", "//c", "\0" }[random.Next(9)]);
                    break;
                case 1:
                    yield return Encoding.UTF8.GetBytes(new[] { "[" + text + "]", "\ufeff" + text, "1", "\"s\"", "null", "[]", " ", string.Empty }[random.Next(8)]);
                    break;
                default:
                    // One member of the indexed five as a value of another kind.
                    var name = new[] { "type", "row", "rows", "state", "fingerprint" }[random.Next(5)];
                    var value = new[] { "\"\\u0072ead\"", "\"Fail\\u0065d\"", "\"1\"", "1.0", "-1", "1e3", "99999999999999999999", "[1,\"2\"]", "[1,2.5]", "[]", "null", "true", "{}", "[[1]]", "\"\"" }[random.Next(15)];
                    yield return Encoding.UTF8.GetBytes(text.TrimEnd().TrimEnd('}') + (text.Contains(':') ? "," : string.Empty) + "\"" + name + "\":" + value + "}");
                    break;
            }
        }

        private static JToken RandomValue(System.Random random, int depth)
        {
            switch (random.Next(depth > 3 ? 5 : 7))
            {
                case 0:
                    return JValue.CreateNull();
                case 1:
                    return new JValue(random.Next(2) == 0);
                case 2:
                    return new JValue(random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-1000, 1000));
                case 3:
                    return new JValue(random.Next(2) == 0 ? random.NextDouble() * System.Math.Pow(10, random.Next(-30, 30)) : (decimal)random.Next(-100000, 100000) / 100);
                case 4:
                    return new JValue(RandomString(random));
                case 5:
                    return new JArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)));
                default:
                    var value = new JObject();
                    for (var i = random.Next(4); i > 0; i--)
                    {
                        value[RandomString(random)] = RandomValue(random, depth + 1);
                    }

                    return value;
            }
        }

        private static string RandomString(System.Random random)
        {
            var pieces = new[] { "a", "Z", "9", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f", "\u00e9", "\u20ac", "\u2028", "\ud83d\ude00", "\ud800", "\udc00", "\ufeff", "type", "read", "row" };
            var text = new StringBuilder();
            for (var i = random.Next(6); i > 0; i--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            return text.ToString();
        }

        private static string? Maybe(System.Random random) => random.Next(3) == 0 ? null : RandomString(random);

        private static string RandomHex(System.Random random) => random.NextInt64().ToString(random.Next(2) == 0 ? "x16" : "X16") + random.NextInt64().ToString("x16");

        private static string RandomRow(System.Random random) =>
            random.Next(6) == 0 ? new[] { "0", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "12345678901234567890", "1.5", "2e1", "-0" }[random.Next(9)] : random.Next(1, 100000).ToString();

        /// <summary>A string as JSON, some characters escaped as \u even when they need not be.</summary>
        private static string Escaped(System.Random random, string text)
        {
            var json = new StringBuilder("\"");
            foreach (var c in text)
            {
                json.Append(random.Next(4) == 0 || c < ' ' || c == '"' || c == '\\' ? "\\u" + ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4") : c.ToString());
            }

            return json.Append('"').ToString();
        }

        private static string Space(System.Random random) => random.Next(3) == 0 ? new[] { " ", "\t", "\r", "  \t", "\n" }[random.Next(5)] : string.Empty;

        private sealed record Values(string? Type, string? State, string? Row, string? Rows, string? Fingerprint);
    }
}
