using System.Management.Automation;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Oig;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Gets OIG provisioning tasks: one by id, or every task assigned to the connected user that matches
    /// -Filter, reading page after page.
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

        [Parameter(Position = 0, ParameterSetName = ListSet)]
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

            var offset = 1;
            while (true)
            {
                ProvTaskPage page;
                try
                {
                    page = WaitFor(ct => client.GetPageAsync(Filter, offset, PageSize, ct));
                }
                catch (ApiException ex)
                {
                    ThrowListError(ex, Filter);
                    return;
                }

                WriteObject(page.Tasks, enumerateCollection: true);
                if (!page.HasMore)
                {
                    return;
                }

                offset = page.NextOffset;
            }
        }
    }
}
