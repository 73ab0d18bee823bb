using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;

namespace GovernanceModule.Infrastructure
{
    /// <summary>A provisioning-task change: sent in bulk requests of -BatchSize tasks, -ThrottleLimit of them in flight, one result (plus an error when it failed) per input.</summary>
    public abstract class ProvTaskChangeCmdlet : ChangeCmdlet<OigConnection, ProvTaskUpdate, ProvTaskOutcome>
    {
        public const int DefaultBatchSize = 100;

        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = DefaultBatchSize;

        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = ProvTaskSender<PendingInput<ProvTaskUpdate>>.DefaultThrottleLimit;

        protected override string ErrorIdPrefix => "ProvTask";

        protected override IChangeSender<PendingInput<ProvTaskUpdate>, ProvTaskOutcome> CreateSender() =>
            new ProvTaskSender<PendingInput<ProvTaskUpdate>>(new ProvTaskClient(ActiveConnection, Trace), BatchSize, ThrottleLimit, p => p.Change);

        protected override string NameOf(ProvTaskUpdate update) => "task " + update.TaskId + " (" + update.Action + ")";

        protected override (string Target, string Action)? Question(ProvTaskUpdate update) =>
            ("Task " + update.TaskId + " (" + ActiveConnection.Uri.Authority + ")", update.Description);
    }
}
