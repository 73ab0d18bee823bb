using System;

namespace GovernanceModule.Core.Bulk
{
    /// <summary>One item a sender is done with: its result, or the exception its work ended with (then Result is default).</summary>
    public sealed class Finished<TItem, TResult>
    {
        public Finished(TItem item, TResult result, Exception? exception)
        {
            Item = item;
            Result = result;
            Exception = exception;
        }

        public TItem Item { get; }

        public TResult Result { get; }

        public Exception? Exception { get; }

        public bool Succeeded => Exception == null;
    }
}
