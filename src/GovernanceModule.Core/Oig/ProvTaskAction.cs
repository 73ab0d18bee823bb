namespace GovernanceModule.Core.Oig
{
    /// <summary>What a provisioning-task update does. Update is the older, action-less field update.</summary>
    public enum ProvTaskAction
    {
        Reassign,
        SetNote,
        SetResponse,
        Retry,
        Update,
    }
}
