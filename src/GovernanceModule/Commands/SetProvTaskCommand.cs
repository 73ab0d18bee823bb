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
        /// <summary>The provisioning task id. CSV columns TaskId (any case), Id and ProvTaskId bind to it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ProvTaskId")]
        [AllowEmptyString]
        [AllowNull]
        public string? TaskId { get; set; }

        /// <summary>The OIG request the task belongs to; echoed back in the result.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RequestId { get; set; }

        /// <summary>Reassign, SetNote, SetResponse, Retry or Update; inferred from the one filled column when empty.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ProvTaskActionCompleter))]
        public string? Action { get; set; }

        /// <summary>The user key of the new assignee (Reassign).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AssigneeKey", "UserKey")]
        public string? Assignee { get; set; }

        /// <summary>The assignee's type; OIG documents "user", the default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AssigneeType { get; set; }

        /// <summary>The note text (SetNote).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Note { get; set; }

        /// <summary>A response code defined for the task, such as VALIDATION_FAILED (SetResponse).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Response { get; set; }

        /// <summary>Task attributes to set, name to value (Update, the action-less form of older servers).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Fields")]
        public Hashtable? Field { get; set; }

        /// <summary>How many tasks go into one bulk PUT provtasks request.</summary>
        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxBatchSize)]
        public int BatchSize { get; set; } = ProvTaskSender.DefaultBatchSize;

        /// <summary>
        /// How many bulk requests are in flight at once. A batch that names a task still in flight waits for that
        /// task's answer, so two changes to one task are applied in input order.
        /// </summary>
        [Parameter]
        [ValidateRange(1, ProvTaskSender.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = ProvTaskSender.DefaultThrottleLimit;

        /// <summary>The pipeline object itself (a CSV row), kept as the target of errors so failed rows can be re-run.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override IChangeSender<ProvTaskUpdate, ProvTaskOutcome> CreateSender() => new ProvTaskClient(ActiveConnection, Trace).CreateSender(BatchSize, ThrottleLimit);

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
