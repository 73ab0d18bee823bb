namespace GovernanceModule.Core.Nerm
{
    /// <summary>
    /// Which body member carries a new status. NERM documents status; some tenants change the status only through
    /// status_uid, so a connection can be told to send that instead.
    /// </summary>
    public enum NermStatusMember
    {
        Status,
        StatusUid,
    }
}
