using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Results
{
    /// <summary>
    /// Texts by name, in the order given, that Export-Csv writes as one compact JSON object ({"department_uid":"Finance"}),
    /// not as the name of a dictionary type: Export-Csv writes a property's ToString(). Indexing by name works as on a
    /// dictionary.
    /// </summary>
    public sealed class TextMap : IReadOnlyDictionary<string, string>, IExportedAsText
    {
        private readonly List<string> names = new List<string>();
        private readonly Dictionary<string, string> byName = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A name given twice keeps its first place and its last value.</summary>
        public TextMap(IEnumerable<KeyValuePair<string, string>> entries)
        {
            foreach (var entry in entries)
            {
                if (!byName.ContainsKey(entry.Key))
                {
                    names.Add(entry.Key);
                }

                byName[entry.Key] = entry.Value;
            }
        }

        public int Count => byName.Count;

        public IEnumerable<string> Keys => names;

        public IEnumerable<string> Values => names.Select(n => byName[n]);

        /// <summary>The value of <paramref name="key"/>; null for a name it does not hold, as a PowerShell hashtable answers.</summary>
        public string this[string key] => byName.TryGetValue(key, out var value) ? value : null!;

        public bool ContainsKey(string key) => byName.ContainsKey(key);

        public bool TryGetValue(string key, out string value) => byName.TryGetValue(key, out value!);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            names.Select(n => new KeyValuePair<string, string>(n, byName[n])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The text of an empty map.</summary>
        private const string Empty = "{}";

        /// <summary>Compact JSON, written straight from the entries: every result with a TextMap is written to the journal as this text.</summary>
        public override string ToString()
        {
            if (names.Count == 0)
            {
                return Empty;
            }

            var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text))
            {
                writer.WriteStartObject();
                foreach (var name in names)
                {
                    writer.WritePropertyName(name);
                    writer.WriteValue(byName[name]);
                }

                writer.WriteEndObject();
            }

            return text.ToString();
        }

        /// <summary>The map whose <see cref="ToString"/> is <paramref name="text"/>. Throws <see cref="JsonException"/> for text that is not a JSON object of texts.</summary>
        public static TextMap Parse(string text)
        {
            if (text == Empty)
            {
                // Most results' maps are empty (every OIG action but Update): no reader for them.
                return new TextMap(Enumerable.Empty<KeyValuePair<string, string>>());
            }

            using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None })
            {
                var entries = new List<KeyValuePair<string, string>>();
                if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                {
                    throw new JsonReaderException("A map of texts is a JSON object: " + text);
                }

                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    entries.Add(new KeyValuePair<string, string>(name, reader.ReadAsString()!));
                }

                if (reader.TokenType != JsonToken.EndObject || reader.Read())
                {
                    throw new JsonReaderException("A map of texts is one JSON object of texts: " + text);
                }

                return new TextMap(entries);
            }
        }
    }
}
