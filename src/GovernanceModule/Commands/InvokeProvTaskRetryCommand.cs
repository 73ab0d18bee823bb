using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Oig;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Retries OIG provisioning tasks. Takes ids as strings or numbers, CSV rows, Get-ProvTask output or the
    /// results of Set-ProvTask; sends them in bulk requests of -BatchSize tasks.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ProvTaskRetry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProvTaskResult))]
    public sealed class InvokeProvTaskRetryCommand : ChangeCmdlet<OigConnection, ProvTaskUpdate, ProvTaskOutcome>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ProvTaskId")]
        [AllowEmptyString]
        public string[] TaskId { get; set; } = new string[0];

        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxBatchSize)]
        public int BatchSize { get; set; } = ProvTaskSender.DefaultBatchSize;

        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = ProvTaskSender.DefaultThrottleLimit;

        protected override IChangeSender<ProvTaskUpdate, ProvTaskOutcome> CreateSender() => new ProvTaskClient(ActiveConnection, Trace).CreateSender(BatchSize, ThrottleLimit, SendLog);

        /// <summary>OIG cannot tell whether a retry was applied, and a retry is not idempotent: it is never sent again.</summary>
        protected override ProvTaskUpdate? SendAgain(ProvTaskUpdate update) => null;

        protected override IEnumerable<object> Targets() => TaskId.Select(id => (object)(id ?? string.Empty));

        protected override ProvTaskUpdate Validate(object target) =>
            ProvTaskUpdate.From(new ProvTaskInput { TaskId = (string)target, Action = nameof(ProvTaskAction.Retry) });
    }
}
