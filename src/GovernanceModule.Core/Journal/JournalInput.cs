using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
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
        /// <summary>The canonical text and its UTF-8 bytes, reused on each thread.</summary>
        [ThreadStatic]
        private static StringBuilder? canonicalText;

        [ThreadStatic]
        private static byte[]? canonicalBytes;

        private static readonly JsonSerializer Plain = JsonSerializer.CreateDefault(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

        /// <summary>The plain values given, until <see cref="values"/> is made from them.</summary>
        private readonly object? plain;

        /// <summary>The plain values are text by text names (a CSV row): written and fingerprinted straight from them.</summary>
        private readonly IDictionary? textRow;
        private JToken? values;
        private string? fingerprint;

        private JournalInput(object? plain, IDictionary? textRow)
        {
            this.plain = plain;
            this.textRow = textRow;
        }

        private JournalInput(JToken values)
        {
            this.values = values;
        }

        /// <summary>The values, as JSON.</summary>
        public JToken Values => values ?? (values = ToJson(plain));

        /// <summary>The 128-bit FNV-1a hash of the values as JSON (UTF-8) with object members in ordinal order, as hex.</summary>
        public string Fingerprint => fingerprint ?? (fingerprint = FingerprintOf(writer =>
        {
            if (values == null && textRow != null)
            {
                WriteCanonical(writer, textRow);
            }
            else
            {
                WriteCanonical(writer, Values);
            }
        }));

        /// <summary>Writes the values as JSON; text (a CSV row) straight from the row, with no JSON tree between.</summary>
        internal void WriteValues(JsonWriter writer)
        {
            if (values == null && textRow != null)
            {
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in textRow)
                {
                    writer.WritePropertyName((string)entry.Key);
                    writer.WriteValue((string?)entry.Value);
                }

                writer.WriteEndObject();
            }
            else
            {
                Values.WriteTo(writer);
            }
        }

        /// <summary>
        /// From plain values: strings, numbers, dictionaries and lists (what a cmdlet reads from a CSV row or an id).
        /// Text (a CSV row) is made JSON and fingerprinted when first asked, which may be on the journal's own thread:
        /// it cannot fail. Anything else is made JSON here, so that a value that cannot be serialized fails on its row.
        /// </summary>
        public static JournalInput From(object? values)
        {
            var text = IsText(values);
            var input = new JournalInput(values, text ? values as IDictionary : null);
            if (!text)
            {
                _ = input.Fingerprint;
            }

            return input;
        }

        internal static JournalInput FromJson(JToken values) => new JournalInput(values);

        private static bool IsText(object? values)
        {
            if (values == null || values is string)
            {
                return true;
            }

            if (!(values is IDictionary dictionary) || !(dictionary is OrderedDictionary || dictionary is Hashtable))
            {
                return false;
            }

            foreach (DictionaryEntry entry in dictionary)
            {
                if (!(entry.Key is string) || !(entry.Value == null || entry.Value is string))
                {
                    return false;
                }
            }

            return true;
        }

        private static string FingerprintOf(Action<JsonWriter> writeCanonical)
        {
            var text = canonicalText ?? (canonicalText = new StringBuilder(256));
            text.Clear();
            using (var writer = new JsonTextWriter(new StringWriter(text, CultureInfo.InvariantCulture)))
            {
                writeCanonical(writer);
            }

            var canonical = text.ToString();
            var bytes = canonicalBytes;
            if (bytes == null || bytes.Length < Encoding.UTF8.GetMaxByteCount(canonical.Length))
            {
                bytes = canonicalBytes = new byte[Encoding.UTF8.GetMaxByteCount(canonical.Length)];
            }

            return Fnv1a128.Hex(bytes, Encoding.UTF8.GetBytes(canonical, 0, canonical.Length, bytes, 0));
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

        /// <summary>Text by text names (an input <see cref="IsText"/> says is a dictionary), as JSON with its members in ordinal order.</summary>
        private static void WriteCanonical(JsonWriter writer, IDictionary text)
        {
            var names = new string[text.Count];
            text.Keys.CopyTo(names, 0);
            Array.Sort(names, StringComparer.Ordinal);
            writer.WriteStartObject();
            foreach (var name in names)
            {
                writer.WritePropertyName(name);
                writer.WriteValue((string?)text[name]);
            }

            writer.WriteEndObject();
        }

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
