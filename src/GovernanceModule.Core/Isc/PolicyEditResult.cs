using GovernanceModule.Core.Results;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Isc
{
    /// <summary>What became of one edit: one per input that got as far as the server.</summary>
    public sealed class PolicyEditResult : INumberedResult
    {
        public PolicyEditResult(string sourceId, string usageType, PolicyEditStatus status, string patch, StoredPolicy? policy = null, string? reason = null, string? trackingId = null)
        {
            SourceId = sourceId;
            UsageType = usageType;
            Status = status;
            Patch = patch;
            Policy = policy;
            Reason = reason;
            TrackingId = trackingId;
        }

        /// <summary>The result as a journal recorded it (see <see cref="Journal.RecordedResult"/>): Policy as the text Export-Csv writes.</summary>
        [JsonConstructor]
        private PolicyEditResult(string sourceId, string usageType, PolicyEditStatus status, string patch, string? policy, string? reason, string? trackingId)
            : this(sourceId, usageType, status, patch, policy == null ? null : StoredPolicy.Parse(policy, sourceId), reason, trackingId)
        {
        }

        /// <summary>The number of the input this answers (1 for the first input read).</summary>
        public int Row { get; set; }

        public string SourceId { get; }

        public string UsageType { get; }

        public PolicyEditStatus Status { get; }

        public bool Succeeded => Status == PolicyEditStatus.Updated || Status == PolicyEditStatus.Unchanged;

        /// <summary>The JSON Patch sent (or that would have been), compact.</summary>
        public string Patch { get; }

        /// <summary>The policy as the server stored it, after an update; Export-Csv writes its JSON document.</summary>
        public StoredPolicy? Policy { get; }

        public string? Reason { get; }

        /// <summary>ISC's trackingId of the error, for a support case.</summary>
        public string? TrackingId { get; }

        /// <summary>
        /// True for an outcome written again from a -JournalPath journal, as an earlier run recorded it; false for one
        /// this run got from the server.
        /// </summary>
        public bool FromJournal { get; set; }

        public override string ToString() => UsageType + " policy of source " + SourceId + ": " + Status;
    }
}
