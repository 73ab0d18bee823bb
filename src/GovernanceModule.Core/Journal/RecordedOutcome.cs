using System;
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
        public RecordedOutcome(JournalState state, string? resultType = null, JObject? result = null, string? errorId = null, string? category = null, string? message = null)
        {
            if (state == JournalState.Sent)
            {
                throw new ArgumentException("Sent is recorded before the request, not as its outcome.", nameof(state));
            }

            State = state;
            ResultType = resultType;
            Result = result;
            ErrorId = errorId;
            Category = category;
            Message = message;
        }

        public JournalState State { get; }

        /// <summary>The full name of the result's type, for its format view.</summary>
        public string? ResultType { get; }

        public JObject? Result { get; }

        public string? ErrorId { get; }

        /// <summary>The error's category, by name.</summary>
        public string? Category { get; }

        /// <summary>The error's message, naming the input.</summary>
        public string? Message { get; }

        internal JObject ToRecord(long row)
        {
            var record = new JObject { ["type"] = JournalRecord.Outcome, ["row"] = row, ["state"] = State.ToString() };
            Add(record, "resultType", ResultType);
            if (Result != null)
            {
                record["result"] = Result;
            }

            Add(record, "errorId", ErrorId);
            Add(record, "category", Category);
            Add(record, "message", Message);
            return record;
        }

        internal static RecordedOutcome FromRecord(JObject record) =>
            new RecordedOutcome(
                JournalRecord.StateOf(record),
                (string?)record["resultType"],
                record["result"] as JObject,
                (string?)record["errorId"],
                (string?)record["category"],
                (string?)record["message"]);

        private static void Add(JObject record, string name, string? value)
        {
            if (value != null)
            {
                record[name] = value;
            }
        }
    }
}
