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
        private static readonly ColumnCheck CsvColumns = new ColumnCheck(typeof(InvokeProvTaskRetryCommand), nameof(TaskId));

        // Neither by value nor mandatory: bound by value, a CSV row without a TaskId column would become an id made of
        // the whole row, refused once per row; this way the row reaches the column check, and a plain id InputObject.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ProvTaskId")]
        [AllowEmptyString]
        [AllowNull]
        public string[]? TaskId { get; set; }

        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxBatchSize)]
        public int BatchSize { get; set; } = ProvTaskSender.DefaultBatchSize;

        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = ProvTaskSender.DefaultThrottleLimit;

        /// <summary>The pipeline object: a task id (a string or number), or an object whose TaskId bound by property name.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private protected override ColumnCheck Columns => CsvColumns;

        protected override IChangeSender<ProvTaskUpdate, ProvTaskOutcome> CreateSender() => new ProvTaskClient(ActiveConnection, Trace).CreateSender(BatchSize, ThrottleLimit, SendLog);

        /// <summary>OIG cannot tell whether a retry was applied, and a retry is not idempotent: it is never sent again.</summary>
        protected override ProvTaskUpdate? SendAgain(ProvTaskUpdate update) => null;

        /// <summary>The ids given; else a CSV row that gave none (the column check names its header); else the id piped in.</summary>
        protected override IEnumerable<object> Targets() =>
            TaskId != null ? TaskId.Select(id => (object)(id ?? string.Empty))
            : InputObject?.BaseObject is PSCustomObject ? new object[] { InputObject }
            : new object[] { InputObject?.ToString() ?? string.Empty };

        /// <summary>A row as the target gave no id: Core refuses the empty id, naming the row.</summary>
        protected override ProvTaskUpdate Validate(object target) =>
            ProvTaskUpdate.From(new ProvTaskInput { TaskId = target as string, Action = nameof(ProvTaskAction.Retry) });
    }
}
