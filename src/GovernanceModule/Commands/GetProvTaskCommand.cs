using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Gets OIG provisioning tasks: by id, or every task assigned to the connected user that matches -Filter. The list
    /// is read to its last page before the first task is written, so a change piped from it cannot shift the pages.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ProvTask", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ProvTask))]
    public sealed class GetProvTaskCommand : ConnectedCmdlet<OigConnection>
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ProvTaskId")]
        [ValidateNotNullOrEmpty]
        public string[] TaskId { get; set; } = new string[0];

        [Parameter(ParameterSetName = ListSet)]
        [Alias("q")]
        public string? Filter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var client = new ProvTaskClient(ActiveConnection, Trace);
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in TaskId)
                {
                    try
                    {
                        WriteObject(WaitFor(ct => client.GetAsync(id, ct)));
                    }
                    catch (ApiException ex)
                    {
                        WriteApiError(ex, id);
                    }
                }

                return;
            }

            try
            {
                WriteObject(WaitFor(ct => client.GetAllAsync(Filter, PageSize, ct)), enumerateCollection: true);
            }
            catch (ApiException ex)
            {
                ThrowListError(ex, Filter);
            }
        }
    }
}
