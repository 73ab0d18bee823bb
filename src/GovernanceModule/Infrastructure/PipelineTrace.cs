using System.Collections.Concurrent;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// Collects Core's -Verbose and -Debug lines from any thread, to be written on the pipeline thread, the only
    /// one PowerShell lets write to its streams.
    /// </summary>
    internal sealed class PipelineTrace : IApiTrace
    {
        private readonly ConcurrentQueue<(bool IsDebug, string Text)> messages = new ConcurrentQueue<(bool, string)>();

        public void Verbose(string message) => messages.Enqueue((false, message));

        public void Debug(string message) => messages.Enqueue((true, message));

        public bool TryTake(out (bool IsDebug, string Text) message) => messages.TryDequeue(out message);
    }
}
