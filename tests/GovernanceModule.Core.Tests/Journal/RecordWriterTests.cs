using System.Collections.Generic;
using System.IO;
using GovernanceModule.Core.Journal;
using Newtonsoft.Json;
using Xunit;

namespace GovernanceModule.Core.Tests.Journal
{
    /// <summary>
    /// The journal's record writer writes the text Newtonsoft's JsonTextWriter writes: fingerprints of journals written
    /// before it depend on that text, and the journal is read back by Newtonsoft.
    /// </summary>
    public sealed class RecordWriterTests
    {
        public static IEnumerable<object?[]> Texts() => new[]
        {
            new object?[] { "plain text 123 ~!@#$%^&*()_+{}[]|:;'<>,.?/`=" },
            new object?[] { string.Empty },
            new object?[] { null },
            new object?[] { "a \"quoted\" word" },
            new object?[] { "back\\slash" },
            new object?[] { "line\nbreak\r\ttab\b\f" },
            new object?[] { "control \u0001 \u001f and delete \u007f" },
            new object?[] { "caf\u00e9 \u20ac \ud83d\ude00" },
            new object?[] { "separators \u0085 \u2028 \u2029" },
            new object?[] { "lone surrogate \ud800 end" },
            new object?[] { "<html> & 'quotes'" },
        };

        [Theory]
        [MemberData(nameof(Texts))]
        public void A_record_is_the_text_Newtonsoft_writes(string? value)
        {
            Assert.Equal(Newtonsoft(value), Ours(value));
        }

        [Fact]
        public void Commas_separate_members_and_items_however_they_nest_and_a_record_ends_its_line()
        {
            var text = new StringWriter();
            var writer = new RecordWriter(text);
            for (var record = 0; record < 2; record++)
            {
                writer.StartObject();
                writer.Name("rows");
                writer.StartArray();
                writer.Value(1);
                writer.StartObject();
                writer.EndObject();
                writer.StartArray();
                writer.EndArray();
                writer.Value(true);
                writer.EndArray();
                writer.Name("inner");
                writer.StartObject();
                writer.Name("a");
                writer.Json("{\"b\":[1,2]}");
                writer.Name("c");
                writer.Value(false);
                writer.EndObject();
                writer.Name("last");
                writer.Value(-9000000000L);
                writer.EndObject();
                writer.EndRecord();
            }

            var line = "{\"rows\":[1,{},[],true],\"inner\":{\"a\":{\"b\":[1,2]},\"c\":false},\"last\":-9000000000}\n";
            Assert.Equal(line + line, text.ToString());
        }

        private static string Newtonsoft(string? value)
        {
            var text = new StringWriter();
            using (var writer = new JsonTextWriter(text))
            {
                writer.WriteStartObject();
                writer.WritePropertyName(value ?? "name");
                writer.WriteValue(value);
                writer.WriteEndObject();
            }

            return text.ToString();
        }

        private static string Ours(string? value)
        {
            var text = new StringWriter();
            var writer = new RecordWriter(text);
            writer.StartObject();
            writer.Name(value ?? "name");
            writer.Value(value);
            writer.EndObject();
            return text.ToString();
        }
    }
}
