using GovernanceModule.Core.Bulk;

namespace GovernanceModule.Core.Isc
{
    /// <summary>The patch an edit resolved to against the server's policy, ready for ShouldProcess, or the reason it cannot be sent.</summary>
    public sealed class ProvisioningPolicyUpdate : IChange
    {
        public ProvisioningPolicyUpdate(PolicyEdit edit, PolicyPatch patch, string? changedSinceRead = null)
        {
            Edit = edit;
            Patch = patch;
            ChangedSinceRead = changedSinceRead;
        }

        public PolicyEdit Edit { get; }

        public PolicyPatch Patch { get; }

        /// <summary>Set when the server's policy differs from the copy the edit was made on: nothing will be sent.</summary>
        public string? ChangedSinceRead { get; }

        /// <summary>"CREATE policy of source 2c91…".</summary>
        public string Name => Edit.Target;

        public string Subject => Edit.Target;

        /// <summary>An unchanged policy, or one changed since it was read, sends nothing and needs no consent.</summary>
        public string? Description => ChangedSinceRead == null && !Patch.IsEmpty ? "Apply JSON Patch " + Patch.ToJson() : null;
    }
}
