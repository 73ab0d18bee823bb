namespace GovernanceModule.Core.Http
{
    /// <summary>
    /// Receives what ApiClient does, for -Verbose and -Debug. Implementations must be thread-safe: requests may
    /// run on pool threads. Never handed a header value, so no secret can reach it.
    /// </summary>
    public interface IApiTrace
    {
        /// <summary>One line a person reads with -Verbose: method, URL, status, time, retries.</summary>
        void Verbose(string message);

        /// <summary>Detail for -Debug, such as request and response bodies.</summary>
        void Debug(string message);
    }

    public sealed class NullApiTrace : IApiTrace
    {
        public static readonly NullApiTrace Instance = new NullApiTrace();

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
