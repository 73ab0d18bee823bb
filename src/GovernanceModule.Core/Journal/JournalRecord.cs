using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// The records of a journal, one JSON object per line, told apart by "type": the header ("journal"), a later run
    /// on the same journal ("run"), an input read ("read"), a request about to be sent with the rows it carries
    /// ("sent"), and an input's outcome ("outcome").
    /// </summary>
    internal static class JournalRecord
    {
        /// <summary>2: fingerprints are FNV-1a 128 (version 1 had SHA-256).</summary>
        public const int Version = 2;
        public const string Header = "journal";
        public const string Run = "run";
        public const string Read = "read";
        public const string Sent = "sent";
        public const string Outcome = "outcome";

        public static string? TypeOf(JObject record) => (string?)record["type"];

        /// <summary>Writes the header: the run the journal belongs to.</summary>
        public static void WriteHeader(RecordWriter writer, JournalHeader header)
        {
            writer.StartObject();
            writer.Name("type");
            writer.Value(Header);
            writer.Name("version");
            writer.Value(Version);
            writer.Name("command");
            writer.Value(header.Command);
            writer.Name("parameters");
            writer.StartObject();
            foreach (var parameter in header.Parameters)
            {
                writer.Name(parameter.Key);
                writer.Value(parameter.Value);
            }

            writer.EndObject();
            writer.Name("connection");
            writer.Value(header.Connection.AbsoluteUri);
            writer.Name("module");
            writer.Value(header.ModuleVersion);
            writer.Name("started");
            writer.Value(Now());
            writer.EndObject();
        }

        /// <summary>Writes the record of a later run on the same journal.</summary>
        public static void WriteRun(RecordWriter writer, string moduleVersion)
        {
            writer.StartObject();
            writer.Name("type");
            writer.Value(Run);
            writer.Name("module");
            writer.Value(moduleVersion);
            writer.Name("started");
            writer.Value(Now());
            writer.EndObject();
        }

        private static string Now() => DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);

        /// <summary>Writes the record of an input read: one per row, so written straight to the writer, with no JSON tree between.</summary>
        [MethodImpl(Jit.Optimized)]
        public static void WriteRead(RecordWriter writer, long row, string name, JournalInput input)
        {
            writer.StartObject();
            writer.Name("type");
            writer.Value(Read);
            writer.Name("row");
            writer.Value(row);
            writer.Name("name");
            writer.Value(name);
            writer.Name("fingerprint");
            writer.Value(input.Fingerprint);
            writer.Name("input");
            input.WriteValues(writer);
            writer.EndObject();
        }

        /// <summary>Writes the record of a request about to be sent, with the rows it carries.</summary>
        public static void WriteSent(RecordWriter writer, IEnumerable<long> rows)
        {
            writer.StartObject();
            writer.Name("type");
            writer.Value(Sent);
            writer.Name("rows");
            writer.StartArray();
            foreach (var row in rows)
            {
                writer.Value(row);
            }

            writer.EndArray();
            writer.EndObject();
        }

        /// <summary>The header, or null when the record is not one this version can read.</summary>
        public static JournalHeader? HeaderOf(JObject record)
        {
            if (TypeOf(record) != Header || (int?)record["version"] != Version || !(record["parameters"] is JObject parameters)
                || !Uri.TryCreate((string?)record["connection"], UriKind.Absolute, out var connection))
            {
                return null;
            }

            return new JournalHeader(
                (string?)record["command"] ?? string.Empty,
                parameters.Properties().ToDictionary(p => p.Name, p => (string?)p.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase),
                connection,
                (string?)record["module"] ?? string.Empty);
        }

        public static JournalInput InputOf(JObject record) => JournalInput.FromJson(record["input"] ?? JValue.CreateNull());

        /// <summary>
        /// Reads the members of the record a reader is on, to its end: <paramref name="take"/> reads the value of a
        /// member it wants (the reader on the value's start, and left on its end) and says so; any other is skipped.
        /// </summary>
        public static void ReadMembers(JsonReader reader, Func<string, bool> take)
        {
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                if (!take(name))
                {
                    reader.Skip();
                }
            }
        }

        /// <summary>An outcome's state; Sent is never one.</summary>
        public static JournalState ParseState(string? text) =>
            Enum.TryParse(text, out JournalState state) && state != JournalState.Sent ? state : throw new FormatException("unknown state");
    }
}
