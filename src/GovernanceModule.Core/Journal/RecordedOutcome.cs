using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using GovernanceModule.Core.Results;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// An input's outcome as the journal keeps it: enough to write the same outcome again. A result object (its type
    /// and public properties), an error (id, category and message), both (an OIG task that failed has a result too),
    /// or a fate without either (not sent, outcome unknown).
    /// </summary>
    public sealed class RecordedOutcome
    {
        public RecordedOutcome(JournalState state, string? errorId = null, string? category = null, string? message = null)
            : this(state, null, errorId, category, message)
        {
            if (state == JournalState.Sent)
            {
                throw new ArgumentException("Sent is recorded before the request, not as its outcome.", nameof(state));
            }
        }

        private RecordedOutcome(JournalState state, object? result, string? errorId, string? category, string? message)
        {
            State = state;
            Result = result;
            ErrorId = errorId;
            Category = category;
            Message = message;
        }

        public JournalState State { get; }

        /// <summary>
        /// The result as the run wrote it, or as read from its record: an object of its own type (one of the module's
        /// <see cref="INumberedResult"/> types), every member as it was written; null when the record has none or
        /// was read without it.
        /// </summary>
        public object? Result { get; }

        public string? ErrorId { get; }

        /// <summary>The error's category, by name.</summary>
        public string? Category { get; }

        /// <summary>The error's message, naming the input.</summary>
        public string? Message { get; }

        /// <summary>The outcome of an answered input: its result object (typed by its full name), its error, or both.</summary>
        public static RecordedOutcome Answered(object? result, string? errorId = null, string? category = null, string? message = null) =>
            new RecordedOutcome(errorId == null ? JournalState.Succeeded : JournalState.Failed, result, errorId, category, message);

        /// <summary>Writes the outcome record of <paramref name="row"/>: the result goes straight from its object to the writer, with no JSON tree between.</summary>
        [MethodImpl(Jit.Optimized)]
        internal void WriteRecord(RecordWriter writer, long row)
        {
            writer.StartObject();
            writer.Name("type");
            writer.Value(JournalRecord.Outcome);
            writer.Name("row");
            writer.Value(row);
            writer.Name("state");
            writer.Value(State.ToString());
            if (Result != null)
            {
                // The type comes first: a reader makes the result as that type.
                Add(writer, "resultType", Result.GetType().FullName);
                writer.Name("result");
                RecordedResult.Write(writer, Result);
            }

            Add(writer, "errorId", ErrorId);
            Add(writer, "category", Category);
            Add(writer, "message", Message);
            writer.EndObject();
        }

        /// <summary>
        /// The outcome record a reader is on, read to its end; its result is read (<see cref="RecordedResult.Read"/>)
        /// when <paramref name="withResult"/>, else skipped. Throws <see cref="JsonException"/> for a record that
        /// cannot be read.
        /// </summary>
        internal static RecordedOutcome Read(JsonReader reader, bool withResult)
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
                    case "result" when withResult && reader.TokenType == JsonToken.StartObject:
                        result = RecordedResult.Read(reader, resultType);
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

            return new RecordedOutcome(JournalRecord.ParseState(state), result, errorId, category, message);
        }

        /// <summary>A value read as text; null for null, an object or an array.</summary>
        private static string? Text(JsonReader reader)
        {
            reader.Skip();
            return reader.Value == null ? null : Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
        }

        private static void Add(RecordWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.Name(name);
                writer.Value(value);
            }
        }
    }
}
