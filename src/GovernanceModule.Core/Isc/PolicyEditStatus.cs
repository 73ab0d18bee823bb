namespace GovernanceModule.Core.Isc
{
    public enum PolicyEditStatus
    {
        Updated,

        /// <summary>The policy already was as asked; nothing was sent.</summary>
        Unchanged,

        /// <summary>Someone changed the policy since it was read; nothing was overwritten.</summary>
        ChangedSinceRead,

        Failed,
    }
}
