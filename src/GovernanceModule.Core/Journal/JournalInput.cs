using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
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
        /// <summary>One hash per thread: inputs are read on one thread, and a hash object is not safe to share.</summary>
        [ThreadStatic]
        private static SHA256? sha;

        private static readonly JsonSerializer Plain = JsonSerializer.CreateDefault(new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

        private JournalInput(JToken values, string fingerprint)
        {
            Values = values;
            Fingerprint = fingerprint;
        }

        /// <summary>The values, as JSON.</summary>
        public JToken Values { get; }

        /// <summary>The first 16 bytes of the SHA-256 of the values with object members in ordinal order, as hex.</summary>
        public string Fingerprint { get; }

        /// <summary>From plain values: strings, numbers, dictionaries and lists (what a cmdlet reads from a CSV row or an id).</summary>
        public static JournalInput From(object? values) => FromJson(ToJson(values));

        internal static JournalInput FromJson(JToken values)
        {
            var canonical = new StringWriter(new StringBuilder(256), CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(canonical))
            {
                WriteCanonical(writer, values);
            }

            var hash = (sha ?? (sha = SHA256.Create())).ComputeHash(Encoding.UTF8.GetBytes(canonical.ToString()));
            var hex = new char[32];
            for (var i = 0; i < 16; i++)
            {
                hex[2 * i] = HexDigits[hash[i] >> 4];
                hex[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
            }

            return new JournalInput(values, new string(hex));
        }

        private const string HexDigits = "0123456789abcdef";

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
                    writer.WriteStartObject();
                    foreach (var property in obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
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
