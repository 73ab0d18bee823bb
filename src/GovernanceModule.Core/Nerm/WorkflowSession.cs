using System.Collections.Generic;
using GovernanceModule.Core.Results;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>A NERM workflow session as the API returns it. Id binds to -Id of Update-WorkflowSession and Get-WorkflowSession.</summary>
    public sealed class WorkflowSession
    {
        public WorkflowSession(
            string id,
            string? uid,
            string? workflowId,
            string? requesterId,
            string? requesterType,
            string? profileId,
            IReadOnlyList<string> profileIds,
            string? status,
            IEnumerable<KeyValuePair<string, string>> attributes)
        {
            Id = id;
            Uid = uid;
            WorkflowId = workflowId;
            RequesterId = requesterId;
            RequesterType = requesterType;
            ProfileId = profileId;
            ProfileIds = new TextList(new List<string>(profileIds));
            Status = status;
            Attributes = new TextMap(attributes);
        }

        public string Id { get; }

        public string? Uid { get; }

        public string? WorkflowId { get; }

        public string? RequesterId { get; }

        /// <summary>User, NeprofileUser, NeaccessUser or NeaccessRegistrant; kept as the server wrote it.</summary>
        public string? RequesterType { get; }

        /// <summary>The profile an Update workflow works on.</summary>
        public string? ProfileId { get; }

        /// <summary>The profiles a Batch workflow works on; Export-Csv writes them joined with commas.</summary>
        public TextList ProfileIds { get; }

        /// <summary>One of the documented statuses, or whatever newer value the server sent.</summary>
        public string? Status { get; }

        /// <summary>
        /// Workflow attribute values by attribute uid; multi-valued attributes are comma-separated. Export-Csv writes
        /// them as one JSON object.
        /// </summary>
        public TextMap Attributes { get; }

        public override string ToString() => Id;
    }
}
