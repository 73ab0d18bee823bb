using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Gets NERM workflow sessions: by id, or every session that matches the documented filters. The list is read to
    /// its last page before the first session is written, so a change piped from it cannot shift the pages.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WorkflowSession", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(WorkflowSession))]
    public sealed class GetWorkflowSessionCommand : ConnectedCmdlet<NermConnection>
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowSessionId", "SessionId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = new string[0];

        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(WorkflowSessionFilterStatusCompleter))]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string? WorkflowId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string? RequesterId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string? ProfileId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string? Uid { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string? Order { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var client = new WorkflowSessionClient(ActiveConnection, Trace);
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in Id)
                {
                    GetOne(client, id);
                }

                return;
            }

            WorkflowSessionFilter filter;
            try
            {
                filter = WorkflowSessionFilter.Create(Status, WorkflowId, RequesterId, ProfileId, Uid, Order);
            }
            catch (InputValidationException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidInput(ex, Api, null));
                return;
            }

            try
            {
                WriteObject(WaitFor(ct => client.GetAllAsync(filter, PageSize, ct)), enumerateCollection: true);
            }
            catch (ApiException ex)
            {
                ThrowListError(ex, null);
            }
        }

        private void GetOne(WorkflowSessionClient client, string id)
        {
            try
            {
                WriteObject(WaitFor(ct => client.GetAsync(id, ct)));
            }
            catch (InputValidationException ex)
            {
                WriteInvalidInput(ex, id);
            }
            catch (ApiException ex)
            {
                WriteApiError(ex, id);
            }
        }
    }
}
