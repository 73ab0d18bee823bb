using System;

namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>
    /// An attempt that got no answer, handed up for <see cref="RetryHandler"/> to decide on; it never leaves the
    /// pipeline. <see cref="Failure"/> is what the request ends with when it is not sent again.
    /// </summary>
    internal sealed class AttemptFailedException : Exception
    {
        public AttemptFailedException(string what, bool nothingSent, ApiException failure)
            : base(failure.Message, failure)
        {
            What = what;
            NothingSent = nothingSent;
            Failure = failure;
        }

        /// <summary>For the retry line of -Verbose: "the connection was refused".</summary>
        public string What { get; }

        /// <summary>True when the request cannot have reached the server (a refused connection): safe to send again whatever it is.</summary>
        public bool NothingSent { get; }

        public ApiException Failure { get; }
    }
}
