using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
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
    [OutputType(typeof(WorkflowSessionResult))]
    public sealed class UpdateWorkflowSessionCommand : ChangeCmdlet<NermConnection, WorkflowSessionUpdate, WorkflowSessionOutcome>
    {
        private WorkflowSessionClient client = null!;

        /// <summary>Columns named Attribute.&lt;uid&gt; carry attribute values, one column per attribute.</summary>
        public const string AttributeColumnPrefix = "Attribute.";

        private static readonly ColumnCheck CsvColumns = new ColumnCheck(typeof(UpdateWorkflowSessionCommand), nameof(Id), AttributeColumnPrefix);

        // Not mandatory: a CSV row without an Id column reaches the column check instead of PowerShell's binder,
        // which would refuse every row with an error that names neither row nor column.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowSessionId", "SessionId")]
        [AllowEmptyString]
        [AllowNull]
        public string? Id { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(WorkflowSessionStatusCompleter))]
        public string? Status { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? WorkflowId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RequesterId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RequesterTypeCompleter))]
        public string? RequesterType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ProfileId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? ProfileIds { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable? Attribute { get; set; }

        [Parameter]
        public SwitchParameter Run { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = WorkflowSessionClient.DefaultThrottleLimit;

        /// <summary>The pipeline object itself (a CSV row), kept as the target of errors and read for Attribute.&lt;uid&gt; columns.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private protected override ColumnCheck Columns => CsvColumns;

        protected override IChangeSender<WorkflowSessionUpdate, WorkflowSessionOutcome> CreateSender()
        {
            client = new WorkflowSessionClient(ActiveConnection, Trace);
            return client.CreateSender(ThrottleLimit, SendLog);
        }

        /// <summary>An update with -Run is sent again only when the session shows it was not applied: then nothing ran.</summary>
        protected override WorkflowSessionUpdate? SendAgain(WorkflowSessionUpdate update) =>
            update.IsIdempotent || ShowsNotApplied(update) ? update : null;

        /// <summary>
        /// A session that cannot be read (gone, or the server failing) shows nothing: that row's outcome stays unknown,
        /// and the run goes on. A refused API key ends the run as it does for an update.
        /// </summary>
        private bool ShowsNotApplied(WorkflowSessionUpdate update)
        {
            try
            {
                return !WaitFor(ct => client.GetAsync(update.Id, ct)).MayHaveTaken(update);
            }
            catch (ApiException ex) when (!ex.IsTerminating)
            {
                return false;
            }
            catch (ApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.ConnectionFailed(ex, Api, ActiveConnection.Uri));
                throw;
            }
        }

        protected override IEnumerable<object> Targets() => new[] { InputObject ?? (object)(Id ?? string.Empty) };

        /// <summary>The input as given; a session piped in (Get-WorkflowSession output, or an earlier result) gives only its Id.</summary>
        protected override WorkflowSessionUpdate Validate(object target)
        {
            var given = Given(InputObject, InputObject?.BaseObject is WorkflowSession || InputObject?.BaseObject is WorkflowSessionResult);
            var input = new WorkflowSessionInput
            {
                Id = Id,
                Status = given.Text(nameof(Status), Status),
                WorkflowId = given.Text(nameof(WorkflowId), WorkflowId),
                RequesterId = given.Text(nameof(RequesterId), RequesterId),
                RequesterType = given.Text(nameof(RequesterType), RequesterType),
                ProfileId = given.Text(nameof(ProfileId), ProfileId),
                ProfileIds = given.Texts(nameof(ProfileIds), ProfileIds),
                Run = Run.IsPresent,
            };
            foreach (var attribute in given.Entries(nameof(Attribute), Attribute).Concat(given.Columns(AttributeColumnPrefix)))
            {
                input.Attributes.Add(attribute);
            }

            return WorkflowSessionUpdate.From(input);
        }
    }
}
