namespace GovernanceModule.Core.Isc
{
    /// <summary>The patch an edit resolved to, ready for ShouldProcess, or the reason it cannot be sent.</summary>
    public sealed class PolicyEditPlan
    {
        public PolicyEditPlan(PolicyEdit edit, PolicyPatch patch, string? changedSinceRead = null)
        {
            Edit = edit;
            Patch = patch;
            ChangedSinceRead = changedSinceRead;
        }

        public PolicyEdit Edit { get; }

        public PolicyPatch Patch { get; }

        /// <summary>Set when the server's policy differs from the copy the edit was made on: nothing will be sent.</summary>
        public string? ChangedSinceRead { get; }
    }
}
