using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Oig;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Changes OIG provisioning tasks: reassign, set a note or response, retry, or update task attributes. Rows
    /// from a CSV bind by column name and go out in bulk requests of -BatchSize tasks.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ProvTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProvTaskResult))]
    public sealed class SetProvTaskCommand : ChangeCmdlet<OigConnection, ProvTaskUpdate, ProvTaskOutcome>
    {
        private static readonly ColumnCheck CsvColumns = new ColumnCheck(typeof(SetProvTaskCommand), nameof(TaskId));

        // Not mandatory: a CSV row without a TaskId column reaches the column check instead of PowerShell's binder,
        // which would refuse every row with an error that names neither row nor column.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ProvTaskId")]
        [AllowEmptyString]
        [AllowNull]
        public string? TaskId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RequestId { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProvTaskActionCompleter))]
        public string? Action { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AssigneeKey", "UserKey")]
        public string? Assignee { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AssigneeType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Note { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Response { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Fields")]
        public Hashtable? Field { get; set; }

        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxBatchSize)]
        public int BatchSize { get; set; } = ProvTaskSender.DefaultBatchSize;

        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = ProvTaskSender.DefaultThrottleLimit;

        /// <summary>The pipeline object itself (a CSV row), kept as the target of errors so failed rows can be re-run.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private protected override ColumnCheck Columns => CsvColumns;

        protected override IChangeSender<ProvTaskUpdate, ProvTaskOutcome> CreateSender() => new ProvTaskClient(ActiveConnection, Trace).CreateSender(BatchSize, ThrottleLimit, SendLog);

        /// <summary>OIG cannot tell whether a change was applied: only an idempotent one (not a Retry) is sent again.</summary>
        protected override ProvTaskUpdate? SendAgain(ProvTaskUpdate update) => update.IsIdempotent ? update : null;

        protected override IEnumerable<object> Targets() => new[] { InputObject ?? (object)(TaskId ?? string.Empty) };

        protected override ProvTaskUpdate Validate(object target) =>
            ProvTaskUpdate.From(
                new ProvTaskInput
                {
                    TaskId = TaskId,
                    RequestId = RequestId,
                    Action = Action,
                    Assignee = Assignee,
                    AssigneeType = AssigneeType,
                    Note = Note,
                    Response = Response,
                    Field = (IDictionary?)PowerShellValues.ToPlain(Field),
                });
    }
}
