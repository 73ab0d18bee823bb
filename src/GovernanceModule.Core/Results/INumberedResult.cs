namespace GovernanceModule.Core.Results
{
    /// <summary>
    /// A result that carries the number of the input it answers (1 for the first input the command read), so that the
    /// results of two rows that asked the same thing of one item can be told apart. The cmdlet that writes it sets it.
    /// </summary>
    public interface INumberedResult
    {
        int Row { get; set; }
    }
}
