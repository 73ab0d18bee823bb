using System;
using System.Linq;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>What a session read from the server says of an update sent earlier whose answer never came.</summary>
    public static class WorkflowSessionCheck
    {
        /// <summary>
        /// Whether the session may have taken the update: it holds every value the update sets. When it does not, the
        /// update was not applied (a PATCH applies whole or not at all) and may be sent. When it does, the update may
        /// have applied, and a run it asked for may have happened: that cannot be told from the session. For an update
        /// that asks for a run the status tells nothing: the run may have moved it, to a status NERM does not document.
        /// </summary>
        public static bool MayHaveTaken(this WorkflowSession session, WorkflowSessionUpdate update) =>
            (update.Run || Same(update.Status, session.Status))
            && Same(update.WorkflowId, session.WorkflowId)
            && Same(update.RequesterId, session.RequesterId)
            && Same(update.RequesterType, session.RequesterType)
            && Same(update.ProfileId, session.ProfileId)
            && (update.ProfileIds == null || update.ProfileIds.OrderBy(i => i, StringComparer.OrdinalIgnoreCase).SequenceEqual(session.ProfileIds.OrderBy(i => i, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
            && update.Attributes.All(a => session.Attributes.TryGetValue(a.Key, out var value) && value == a.Value);

        private static bool Same(string? sent, string? held) => sent == null || string.Equals(sent, held, StringComparison.OrdinalIgnoreCase);
    }
}
