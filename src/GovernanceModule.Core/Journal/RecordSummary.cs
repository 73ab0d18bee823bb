using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// What indexing needs of a record, read without building it: its type, row or rows, state and fingerprint. The
    /// inputs and results it carries are skipped, so that indexing a large journal stays fast and small.
    /// </summary>
    internal sealed class RecordSummary
    {
        private static readonly IReadOnlyList<long> NoRows = new long[0];

        private RecordSummary(string text)
        {
            Text = text;
        }

        public string Text { get; }

        public string? Type { get; private set; }

        public long Row { get; private set; }

        public IReadOnlyList<long> Rows { get; private set; } = NoRows;

        public string? State { get; private set; }

        public string? Fingerprint { get; private set; }

        /// <summary>The summary of one line; null when the line is not one whole JSON object.</summary>
        public static RecordSummary? Read(string text)
        {
            try
            {
                using (var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, ArrayPool = ReusedChars.Instance })
                {
                    var summary = new RecordSummary(text);
                    if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                    {
                        return null;
                    }

                    while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                    {
                        var name = (string)reader.Value!;
                        if (!reader.Read())
                        {
                            return null;
                        }

                        summary.Take(name, reader);
                    }

                    return reader.TokenType == JsonToken.EndObject && !reader.Read() ? summary : null;
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                return null;
            }
        }

        private void Take(string name, JsonTextReader reader)
        {
            switch (name)
            {
                case "type":
                    Type = reader.Value as string;
                    break;
                case "row":
                    Row = Convert.ToInt64(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "state":
                    State = reader.Value as string;
                    break;
                case "fingerprint":
                    Fingerprint = reader.Value as string;
                    break;
                case "rows":
                    var rows = new List<long>();
                    while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                    {
                        rows.Add(Convert.ToInt64(reader.Value, System.Globalization.CultureInfo.InvariantCulture));
                    }

                    Rows = rows;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
}
