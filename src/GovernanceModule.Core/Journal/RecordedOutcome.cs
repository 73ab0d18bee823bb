using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using GovernanceModule.Core.Results;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// An input's outcome as the journal keeps it: enough to write the same outcome again. A result object (its type
    /// and public properties), an error (id, category and message), both (an OIG task that failed has a result too),
    /// or a fate without either (not sent, outcome unknown).
    /// </summary>
    public sealed class RecordedOutcome
    {
        /// <summary>Results as JSON, enums by name and values exported as text as that text: written again, they read and export as they did the first time.</summary>
        private static readonly JsonSerializer Results = JsonSerializer.Create(new JsonSerializerSettings { Converters = { new StringEnumConverter(), new ExportedAsText() } });

        /// <summary>The result as the run wrote it, serialized straight into the record; null when <see cref="Result"/> was given as JSON.</summary>
        private readonly object? written;
        private readonly JObject? result;

        public RecordedOutcome(JournalState state, string? resultType = null, JObject? result = null, string? errorId = null, string? category = null, string? message = null)
        {
            if (state == JournalState.Sent)
            {
                throw new ArgumentException("Sent is recorded before the request, not as its outcome.", nameof(state));
            }

            State = state;
            ResultType = resultType;
            this.result = result;
            ErrorId = errorId;
            Category = category;
            Message = message;
        }

        public JournalState State { get; }

        /// <summary>The full name of the result's type, for its format view.</summary>
        public string? ResultType { get; }

        /// <summary>The result's public properties as JSON, enums by name, as given or as read from a record without a reader of its own.</summary>
        public JObject? Result => result;

        /// <summary>The result as the reader given to <see cref="RunJournal.OutcomeOf(long, Func{JsonReader, object})"/> made it from the record.</summary>
        public object? ReadResult { get; private set; }

        public string? ErrorId { get; }

        /// <summary>The error's category, by name.</summary>
        public string? Category { get; }

        /// <summary>The error's message, naming the input.</summary>
        public string? Message { get; }

        private RecordedOutcome(JournalState state, object? written, string? errorId, string? category, string? message)
            : this(state, written?.GetType().FullName, null, errorId, category, message)
        {
            this.written = written;
        }

        /// <summary>The outcome of an answered input: its result object (typed by its full name), its error, or both.</summary>
        public static RecordedOutcome Answered(object? result, string? errorId = null, string? category = null, string? message = null) =>
            new RecordedOutcome(errorId == null ? JournalState.Succeeded : JournalState.Failed, result, errorId, category, message);

        /// <summary>Writes the outcome record of <paramref name="row"/>: the result goes straight from its object to the writer, with no JSON tree between.</summary>
        [MethodImpl(RecordWriter.Optimized)]
        internal void WriteRecord(RecordWriter writer, long row)
        {
            writer.StartObject();
            writer.Name("type");
            writer.Value(JournalRecord.Outcome);
            writer.Name("row");
            writer.Value(row);
            writer.Name("state");
            writer.Value(State.ToString());
            Add(writer, "resultType", ResultType);
            if (result != null || written != null)
            {
                writer.Name("result");
                if (result != null)
                {
                    writer.Json(result.ToString(Formatting.None));
                }
                else
                {
                    WriteResult(writer, written!);
                }
            }

            Add(writer, "errorId", ErrorId);
            Add(writer, "category", Category);
            Add(writer, "message", Message);
            writer.EndObject();
        }

        /// <summary>
        /// The outcome record a reader is on, read to its end. Its result is made by <paramref name="readResult"/> from
        /// the reader on the result's start (leaving it on the result's end) into <see cref="ReadResult"/>, or read as
        /// JSON into <see cref="Result"/> when <paramref name="readResult"/> is null.
        /// </summary>
        internal static RecordedOutcome Read(JsonReader reader, Func<JsonReader, object?>? readResult)
        {
            string? state = null, resultType = null, errorId = null, category = null, message = null;
            object? result = null;
            JournalRecord.ReadMembers(reader, name =>
            {
                switch (name)
                {
                    case "state":
                        state = Text(reader);
                        return true;
                    case "resultType":
                        resultType = Text(reader);
                        return true;
                    case "result" when reader.TokenType == JsonToken.StartObject:
                        result = readResult == null ? JObject.Load(reader) : readResult(reader);
                        return true;
                    case "errorId":
                        errorId = Text(reader);
                        return true;
                    case "category":
                        category = Text(reader);
                        return true;
                    case "message":
                        message = Text(reader);
                        return true;
                    default:
                        return false;
                }
            });

            return new RecordedOutcome(JournalRecord.ParseState(state), resultType, readResult == null ? (JObject?)result : null, errorId, category, message)
            {
                ReadResult = readResult == null ? null : result,
            };
        }

        /// <summary>A value read as text; null for null, an object or an array.</summary>
        private static string? Text(JsonReader reader)
        {
            reader.Skip();
            return reader.Value == null ? null : Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Writes a result's public properties, as the serializer would: results are records of single values, which
        /// are written directly; anything else goes through the serializer. Most of the serializer's work per result
        /// was finding out, again, what kind of member each property is, and its code is slow until the runtime
        /// optimizes it, which a run of a few thousand rows does not wait for.
        /// </summary>
        [MethodImpl(RecordWriter.Optimized)]
        private static void WriteResult(RecordWriter writer, object result)
        {
            writer.StartObject();
            foreach (var property in PropertiesOf.GetOrAdd(result.GetType(), ReadableProperties))
            {
                writer.Name(property.Name);
                switch (ValueOf(property, result))
                {
                    case null:
                        writer.Value((string?)null);
                        break;
                    case string text:
                        writer.Value(text);
                        break;
                    case bool flag:
                        writer.Value(flag);
                        break;
                    case int number:
                        writer.Value(number);
                        break;
                    case long number:
                        writer.Value(number);
                        break;
                    case Enum name:
                        writer.Value(name.ToString());
                        break;
                    case IExportedAsText exported:
                        writer.Value(exported.ToString());
                        break;
                    case object other:
                        var json = new StringWriter(CultureInfo.InvariantCulture);
                        Results.Serialize(json, other);
                        writer.Json(json.ToString());
                        break;
                }
            }

            writer.EndObject();
        }

        private static object? ValueOf(PropertyInfo property, object result)
        {
            try
            {
                return property.GetValue(result);
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw new JsonSerializationException("Error getting value from '" + property.Name + "' on '" + result.GetType() + "': " + ex.InnerException.Message, ex.InnerException);
            }
        }

        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesOf = new ConcurrentDictionary<Type, PropertyInfo[]>();

        private static PropertyInfo[] ReadableProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();

        private static void Add(RecordWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.Name(name);
                writer.Value(value);
            }
        }

        private sealed class ExportedAsText : JsonConverter
        {
            public override bool CanRead => false;

            public override bool CanConvert(Type objectType) => typeof(IExportedAsText).IsAssignableFrom(objectType);

            public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => writer.WriteValue(value?.ToString());

            public override object ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
                throw new NotSupportedException();
        }
    }
}
