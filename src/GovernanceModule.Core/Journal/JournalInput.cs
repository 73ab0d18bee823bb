using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// One input's values as the journal keeps them (a CSV row's columns, or the id given), with a fingerprint that
    /// does not depend on the order of the columns: the same row read again has the same fingerprint.
    /// </summary>
    public sealed class JournalInput
    {
        /// <summary>The writer of canonical text, reused on each thread: a new writer per row cost more than the hash.</summary>
        [ThreadStatic]
        private static CanonicalText? canonicalText;

        private static readonly JsonSerializer Plain = JsonSerializer.CreateDefault(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

        /// <summary>The plain values given, until <see cref="values"/> is made from them.</summary>
        private readonly object? plain;

        /// <summary>The values are text by text names (a CSV row's columns, in order): written and fingerprinted straight from them.</summary>
        private readonly KeyValuePair<string, string?>[]? textRow;
        private JToken? values;
        private string? fingerprint;

        private JournalInput(object? plain, KeyValuePair<string, string?>[]? textRow)
        {
            this.plain = plain;
            this.textRow = textRow;
        }

        private JournalInput(JToken values)
        {
            this.values = values;
        }

        /// <summary>The values, as JSON.</summary>
        public JToken Values => values ?? (values = textRow == null ? ToJson(plain) : new JObject(textRow.Select(c => new JProperty(c.Key, c.Value))));

        /// <summary>The 128-bit FNV-1a hash of the values as JSON (UTF-8) with object members in ordinal order, as hex.</summary>
        public string Fingerprint => fingerprint ?? (fingerprint = values == null && textRow != null ? TextFingerprint(textRow) : ValuesFingerprint(Values));

        /// <summary>Writes the values as JSON; text (a CSV row) straight from the row, with no JSON tree between.</summary>
        [MethodImpl(Jit.Optimized)]
        internal void WriteValues(RecordWriter writer)
        {
            if (values == null && textRow != null)
            {
                writer.StartObject();
                foreach (var column in textRow)
                {
                    writer.Name(column.Key);
                    writer.Value(column.Value);
                }

                writer.EndObject();
            }
            else
            {
                writer.Json(Values.ToString(Formatting.None));
            }
        }

        /// <summary>
        /// From plain values: strings, numbers, dictionaries and lists (what a cmdlet reads from a CSV row or an id).
        /// Text (a CSV row) is made JSON and fingerprinted when first asked, which may be on the journal's own thread:
        /// it cannot fail. Anything else is made JSON here, so that a value that cannot be serialized fails on its row.
        /// </summary>
        public static JournalInput From(object? values)
        {
            var textRow = values is IDictionary dictionary ? TextColumnsOf(dictionary) : null;
            var input = new JournalInput(values, textRow);
            if (textRow == null && !(values == null || values is string))
            {
                _ = input.Fingerprint;
            }

            return input;
        }

        /// <summary>From the columns of a row whose values are all text (a CSV row), in order; names differ from one another.</summary>
        public static JournalInput FromText(KeyValuePair<string, string?>[] columns) => new JournalInput(null, columns);

        internal static JournalInput FromJson(JToken values) => new JournalInput(values);

        /// <summary>The columns of a dictionary of text by text names; null for any other.</summary>
        private static KeyValuePair<string, string?>[]? TextColumnsOf(IDictionary dictionary)
        {
            if (!(dictionary is OrderedDictionary || dictionary is Hashtable))
            {
                return null;
            }

            var columns = new KeyValuePair<string, string?>[dictionary.Count];
            var n = 0;
            foreach (DictionaryEntry entry in dictionary)
            {
                if (!(entry.Key is string name) || !(entry.Value == null || entry.Value is string))
                {
                    return null;
                }

                columns[n++] = new KeyValuePair<string, string?>(name, (string?)entry.Value);
            }

            return columns;
        }

        /// <summary>Text by text names: written by the journal's own writer, which writes what Newtonsoft's would.</summary>
        [MethodImpl(Jit.Optimized)]
        private static string TextFingerprint(KeyValuePair<string, string?>[] columns)
        {
            var canonical = canonicalText ?? new CanonicalText();

            // A write that fails may leave text behind: the next row gets a new buffer.
            canonicalText = null;
            var ordered = (KeyValuePair<string, string?>[])columns.Clone();
            Array.Sort(ordered, ByName);
            var writer = new RecordWriter(canonical.Text);
            writer.StartObject();
            foreach (var column in ordered)
            {
                writer.Name(column.Key);
                writer.Value(column.Value);
            }

            writer.EndObject();
            var hex = canonical.Fingerprint();
            canonicalText = canonical;
            return hex;
        }

        private static readonly Comparison<KeyValuePair<string, string?>> ByName = (a, b) => string.CompareOrdinal(a.Key, b.Key);

        private static string ValuesFingerprint(JToken values)
        {
            var canonical = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(canonical))
            {
                WriteCanonical(writer, values);
            }

            var bytes = Encoding.UTF8.GetBytes(canonical.ToString());
            return Fnv1a128.Hex(bytes, bytes.Length);
        }

        /// <summary>Canonical JSON text of a text row, written into one buffer, reused on each thread, and hashed from its UTF-8 bytes.</summary>
        private sealed class CanonicalText
        {
            private readonly StringBuilder text = new StringBuilder(256);
            private char[] chars = new char[256];
            private byte[] bytes = new byte[1024];

            public CanonicalText()
            {
                Text = new StringWriter(text, CultureInfo.InvariantCulture);
            }

            public TextWriter Text { get; }

            /// <summary>The fingerprint of the text written; the buffer is emptied.</summary>
            [MethodImpl(Jit.Optimized)]
            public string Fingerprint()
            {
                var length = text.Length;
                if (chars.Length < length)
                {
                    chars = new char[length * 2];
                }

                text.CopyTo(0, chars, 0, length);
                text.Clear();
                var most = Encoding.UTF8.GetMaxByteCount(length);
                if (bytes.Length < most)
                {
                    bytes = new byte[most];
                }

                return Fnv1a128.Hex(bytes, Encoding.UTF8.GetBytes(chars, 0, length, bytes, 0));
            }
        }

        /// <summary>
        /// Plain values as JSON: text, dictionaries with text keys and lists (what a CSV row is) directly, as the
        /// serializer would write them; anything else through the serializer, which is many times slower per row.
        /// </summary>
        private static JToken ToJson(object? value)
        {
            switch (value)
            {
                case null:
                    return JValue.CreateNull();
                case string text:
                    return new JValue(text);
                case IDictionary dictionary when (dictionary is OrderedDictionary || dictionary is Hashtable) && IsTextKeyed(dictionary):
                    var members = new JObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        members.Add((string)entry.Key, ToJson(entry.Value));
                    }

                    return members;
                case IList items when items is List<object> || items is object[]:
                    var list = new JArray();
                    foreach (var item in items)
                    {
                        list.Add(ToJson(item));
                    }

                    return list;
                default:
                    return JToken.FromObject(value, Plain);
            }
        }

        private static bool IsTextKeyed(IDictionary dictionary)
        {
            foreach (var key in dictionary.Keys)
            {
                if (!(key is string))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The first value that differs from <paramref name="journal"/>'s, in words; null when none does.</summary>
        public string? DifferenceFrom(JournalInput journal)
        {
            if (Fingerprint == journal.Fingerprint)
            {
                return null;
            }

            if (Values is JObject now && journal.Values is JObject then)
            {
                foreach (var name in now.Properties().Select(p => p.Name).Union(then.Properties().Select(p => p.Name)).OrderBy(n => n, StringComparer.Ordinal))
                {
                    var a = then[name];
                    var b = now[name];
                    if (!JToken.DeepEquals(a, b))
                    {
                        return name + " was " + Show(a) + " in the journal and is " + Show(b) + " now";
                    }
                }
            }

            return "it was " + Show(journal.Values) + " in the journal and is " + Show(Values) + " now";
        }

        private static string Show(JToken? value) =>
            value == null ? "missing" : value.Type == JTokenType.String ? "'" + (string?)value + "'" : value.ToString(Formatting.None);

        /// <summary>The values as JSON with the members of every object in ordinal order.</summary>
        private static void WriteCanonical(JsonWriter writer, JToken token)
        {
            switch (token)
            {
                case JObject obj:
                    var properties = obj.Properties().ToArray();
                    Array.Sort(properties, (a, b) => string.CompareOrdinal(a.Name, b.Name));
                    writer.WriteStartObject();
                    foreach (var property in properties)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteCanonical(writer, property.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JArray array:
                    writer.WriteStartArray();
                    foreach (var item in array)
                    {
                        WriteCanonical(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    token.WriteTo(writer);
                    break;
            }
        }
    }
}
