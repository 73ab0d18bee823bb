using GovernanceModule.Core.Results;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>
    /// What became of one update that NERM applied: what was asked, and the session as NERM returned it, every member
    /// a single value that Export-Csv writes. Id binds to -Id of Update-WorkflowSession and Get-WorkflowSession.
    /// </summary>
    public sealed class WorkflowSessionResult : INumberedResult
    {
        public WorkflowSessionResult(WorkflowSessionUpdate asked, WorkflowSession session)
        {
            Id = session.Id;
            Change = asked.Description;
            Run = asked.Run;
            Status = session.Status;
            Uid = session.Uid;
            WorkflowId = session.WorkflowId;
            RequesterId = session.RequesterId;
            RequesterType = session.RequesterType;
            ProfileId = session.ProfileId;
            ProfileIds = session.ProfileIds;
            Attributes = session.Attributes;
        }

        /// <summary>The result as a journal recorded it (see <see cref="Journal.RecordedResult"/>): ProfileIds and Attributes as the text Export-Csv writes.</summary>
        [JsonConstructor]
        private WorkflowSessionResult(string id, string change, bool run, string? status, string? uid, string? workflowId, string? requesterId, string? requesterType, string? profileId, string profileIds, string attributes)
        {
            Id = id;
            Change = change;
            Run = run;
            Status = status;
            Uid = uid;
            WorkflowId = workflowId;
            RequesterId = requesterId;
            RequesterType = requesterType;
            ProfileId = profileId;
            ProfileIds = TextList.Parse(profileIds);
            Attributes = TextMap.Parse(attributes);
        }

        /// <summary>The number of the input this answers (1 for the first input read).</summary>
        public int Row { get; set; }

        public string Id { get; }

        /// <summary>What was asked, as -WhatIf says it: "Set status approved; attribute department_uid = 'Finance'".</summary>
        public string Change { get; }

        /// <summary>Whether NERM was asked to run the session after the update (-Run).</summary>
        public bool Run { get; }

        /// <summary>The session's status after the update.</summary>
        public string? Status { get; }

        public string? Uid { get; }

        public string? WorkflowId { get; }

        public string? RequesterId { get; }

        public string? RequesterType { get; }

        public string? ProfileId { get; }

        /// <summary>The session's profiles after the update; Export-Csv writes them joined with commas.</summary>
        public TextList ProfileIds { get; }

        /// <summary>The session's attribute values after the update, by uid; Export-Csv writes one JSON object.</summary>
        public TextMap Attributes { get; }

        /// <summary>
        /// True for an outcome written again from a -JournalPath journal, as an earlier run recorded it; false for one
        /// this run got from the server.
        /// </summary>
        public bool FromJournal { get; set; }

        public override string ToString() => Id;
    }
}
