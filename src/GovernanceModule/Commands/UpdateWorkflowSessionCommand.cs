using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Updates NERM workflow sessions: status, workflow, requester, profiles and attributes, sending only what was
    /// given. Rows from a CSV bind by column name (attributes from Attribute.&lt;uid&gt; columns); NERM has no bulk
    /// endpoint, so rows are sent -ThrottleLimit at a time and written back in input order.
    /// </summary>
    [Cmdlet(VerbsData.Update, "WorkflowSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WorkflowSession))]
    public sealed class UpdateWorkflowSessionCommand : NermCmdlet
    {
        /// <summary>Columns named Attribute.&lt;uid&gt; carry attribute values, one column per attribute.</summary>
        public const string AttributeColumnPrefix = "Attribute.";

        private const int ProgressId = 0x4E52;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
        private HashSet<string> commandLine = null!;
        private OrderedThrottle<PendingInput<WorkflowSessionUpdate>, WorkflowSessionOutcome> throttle = null!;
        private PendingInput<WorkflowSessionUpdate>? adding;

        /// <summary>Outcomes handed back by the throttle and not yet written; a stop while writing leaves some here.</summary>
        private readonly Queue<Completed<PendingInput<WorkflowSessionUpdate>, WorkflowSessionOutcome>> unwritten =
            new Queue<Completed<PendingInput<WorkflowSessionUpdate>, WorkflowSessionOutcome>>();
        private int rows;
        private int written;

        /// <summary>The workflow session id (UUID). CSV columns Id, WorkflowSessionId and SessionId bind to it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowSessionId", "SessionId")]
        [AllowEmptyString]
        [AllowNull]
        public string? Id { get; set; }

        /// <summary>One of the 61 documented statuses, exact case, such as completed or AUTH-STATUS1.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(WorkflowSessionStatusCompleter))]
        public string? Status { get; set; }

        /// <summary>The workflow (UUID).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? WorkflowId { get; set; }

        /// <summary>The requester (UUID).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RequesterId { get; set; }

        /// <summary>User, NeprofileUser, NeaccessUser or NeaccessRegistrant.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RequesterTypeCompleter))]
        public string? RequesterType { get; set; }

        /// <summary>The profile an Update workflow works on (UUID).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ProfileId { get; set; }

        /// <summary>The profiles a Batch workflow works on (UUIDs; a CSV cell may list several, separated by commas or semicolons).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? ProfileIds { get; set; }

        /// <summary>Attribute values by attribute uid; an array value is sent joined with commas.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable? Attribute { get; set; }

        /// <summary>Run each session once its update succeeds (run=true). Such an update is not re-sent after an unknown outcome.</summary>
        [Parameter]
        public SwitchParameter Run { get; set; }

        /// <summary>How many updates are in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = WorkflowSessionClient.DefaultThrottleLimit;

        /// <summary>The pipeline object itself (a CSV row), kept as the target of errors and read for Attribute.&lt;uid&gt; columns.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Only command-line parameters are bound before the first input; later ones came from a pipeline object.
            commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            var client = new WorkflowSessionClient(ActiveConnection, Trace);
            throttle = new OrderedThrottle<PendingInput<WorkflowSessionUpdate>, WorkflowSessionOutcome>(ThrottleLimit, (pending, ct) => client.UpdateAsync(pending.Change, ct));
        }

        protected override void ProcessRecord()
        {
            var row = RowLabel(++rows);
            Ledger.CountRead();
            var target = InputObject ?? (object)(Id ?? string.Empty);
            WorkflowSessionUpdate update;
            try
            {
                update = WorkflowSessionUpdate.From(ReadInput(), row);
            }
            catch (InputValidationException ex)
            {
                Ledger.CountInvalid();
                WriteInvalidInput(ex, target, "WorkflowSessionInvalidInput");
                return;
            }

            if (!ShouldProcess("Workflow session " + update.Id + " (" + ActiveConnection.Uri.Authority + ")", update.Description))
            {
                Ledger.CountSkipped();
                return;
            }

            // Until AddAsync returns, the input waits for a slot and is not in the throttle yet.
            adding = new PendingInput<WorkflowSessionUpdate>(update, row, target);
            var ready = Run(ct => throttle.AddAsync(adding, ct));
            adding = null;
            WriteCompleted(ready);
        }

        /// <summary>Waits for the updates in flight (cancelled, they end at once) and records what became of each.</summary>
        protected override void AccountForStop(OperationCanceledException? cancelled)
        {
            var left = unwritten.Concat(throttle?.DrainAsync().GetAwaiter().GetResult() ?? Array.Empty<Completed<PendingInput<WorkflowSessionUpdate>, WorkflowSessionOutcome>>()).ToList();
            foreach (var done in left)
            {
                var fate = done.Exception is OperationCanceledException stopped ? RunLedger.FateOf(stopped) : StoppedFate.AnsweredNotWritten;
                Ledger.CountStopped(Name(done.Item), fate, done.Item.Target);
            }

            unwritten.Clear();

            // The input waiting for a slot comes after every input in the throttle.
            if (adding != null)
            {
                Ledger.CountStopped(Name(adding), StoppedFate.NotSent, adding.Target);
                adding = null;
            }
        }

        protected override void EndProcessing()
        {
            WriteCompleted(Run(ct => throttle.DrainAsync()));
            if (written > 0)
            {
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>
        /// The input as given. An empty CSV cell means "not given"; an empty value on the command line is kept, so that
        /// Core refuses it. A WorkflowSession piped in (Get-WorkflowSession output) gives only its Id.
        /// </summary>
        private WorkflowSessionInput ReadInput()
        {
            var fromSession = InputObject?.BaseObject is WorkflowSession;
            string? Given(string name, string? value) =>
                commandLine.Contains(name) ? value : fromSession || string.IsNullOrWhiteSpace(value) ? null : value;

            var input = new WorkflowSessionInput
            {
                Id = Id,
                Status = Given(nameof(Status), Status),
                WorkflowId = Given(nameof(WorkflowId), WorkflowId),
                RequesterId = Given(nameof(RequesterId), RequesterId),
                RequesterType = Given(nameof(RequesterType), RequesterType),
                ProfileId = Given(nameof(ProfileId), ProfileId),
                ProfileIds = commandLine.Contains(nameof(ProfileIds)) || (!fromSession && ProfileIds != null && ProfileIds.Any(p => !string.IsNullOrWhiteSpace(p))) ? ProfileIds : null,
                Run = Run.IsPresent,
            };
            if (Attribute != null && (commandLine.Contains(nameof(Attribute)) || !fromSession))
            {
                foreach (DictionaryEntry entry in Attribute)
                {
                    var name = Convert.ToString(PowerShellValues.ToPlain(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
                    input.Attributes.Add(new KeyValuePair<string, object?>(name, PowerShellValues.ToPlain(entry.Value)));
                }
            }

            if (InputObject != null && !fromSession)
            {
                foreach (var column in InputObject.Properties.Where(p => p.Name.StartsWith(AttributeColumnPrefix, StringComparison.OrdinalIgnoreCase)))
                {
                    var value = PowerShellValues.ToPlain(column.Value);
                    if (value != null && !(value is string text && text.Trim().Length == 0))
                    {
                        input.Attributes.Add(new KeyValuePair<string, object?>(column.Name.Substring(AttributeColumnPrefix.Length), value));
                    }
                }
            }

            return input;
        }

        private void WriteCompleted(IReadOnlyList<Completed<PendingInput<WorkflowSessionUpdate>, WorkflowSessionOutcome>> completed)
        {
            foreach (var done in completed)
            {
                unwritten.Enqueue(done);
            }

            while (unwritten.Count > 0)
            {
                var done = unwritten.Peek();
                var pending = done.Item;
                switch (done.Exception)
                {
                    case null:
                        WriteOutcome(pending, done.Result);
                        break;
                    case ApiException api when api.IsTerminating:
                        ThrowTerminating(api, "NermAuthenticationFailed", ActiveConnection.Uri);
                        return;
                    case OperationCanceledException stopped:
                        throw Stopped(stopped);
                    default:
                        WriteError(new ErrorRecord(done.Exception, "WorkflowSessionUnexpectedFailure", ErrorCategory.NotSpecified, pending.Target));
                        break;
                }

                unwritten.Dequeue();
                written++;
                Ledger.CountWritten();
            }

            if (completed.Count > 0 && sinceProgress.Elapsed >= ProgressInterval)
            {
                sinceProgress.Restart();
                WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, rows + " inputs read, " + written + " sessions done, " + throttle.Pending + " in flight"));
            }
        }

        private static string Name(PendingInput<WorkflowSessionUpdate> pending) => pending.Row + ": workflow session " + pending.Change.Id;

        private void WriteOutcome(PendingInput<WorkflowSessionUpdate> pending, WorkflowSessionOutcome outcome)
        {
            if (outcome.Session != null)
            {
                WriteObject(outcome.Session);
                return;
            }

            var failure = outcome.Failure ?? ApiFailure.UnexpectedResponse;
            var message = pending.Row + ": workflow session " + pending.Change.Id + " was not updated: " + outcome.Reason;
            WriteItemError(new ApiException(failure, message, responseBody: outcome.ErrorDetails), "WorkflowSession", pending.Target);
        }
    }
}
