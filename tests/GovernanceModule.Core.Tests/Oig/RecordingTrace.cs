using System.Collections.Concurrent;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Core.Tests.Oig
{
    internal sealed class RecordingTrace : IApiTrace
    {
        public ConcurrentQueue<string> VerboseLines { get; } = new ConcurrentQueue<string>();

        public ConcurrentQueue<string> DebugLines { get; } = new ConcurrentQueue<string>();

        public void Verbose(string message) => VerboseLines.Enqueue(message);

        public void Debug(string message) => DebugLines.Enqueue(message);
    }
}
