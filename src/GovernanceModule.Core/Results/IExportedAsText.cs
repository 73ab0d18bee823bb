namespace GovernanceModule.Core.Results
{
    /// <summary>
    /// A member value whose ToString() is its whole content (compact JSON, or values joined with commas), which is what
    /// Export-Csv writes. A journal records it as that text, so that a result written again from the journal exports
    /// the same line as the result the server's answer made.
    /// </summary>
    public interface IExportedAsText
    {
    }
}
