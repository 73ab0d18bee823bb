using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Gets the provisioning policies of ISC sources: one by usage type, or all of a source. Source ids bind from the
    /// pipeline by value and by property name (SourceId or Id), so source objects of other tools pipe in too.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ProvisioningPolicy")]
    [OutputType(typeof(ProvisioningPolicy))]
    public sealed class GetProvisioningPolicyCommand : ConnectedCmdlet<IscConnection>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] SourceId { get; set; } = new string[0];

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UsageTypeCompleter))]
        public string? UsageType { get; set; }

        [Parameter]
        public SwitchParameter AllowUndocumentedUsageType { get; set; }

        protected override void ProcessRecord()
        {
            var client = new ProvisioningPolicyClient(ActiveConnection, Trace);
            string? usageType = null;
            try
            {
                usageType = string.IsNullOrEmpty(UsageType) ? null : UsageTypes.Normalize(UsageType, AllowUndocumentedUsageType);
            }
            catch (InputValidationException ex)
            {
                WriteInvalidInput(ex, UsageType);
                return;
            }

            foreach (var sourceId in SourceId)
            {
                try
                {
                    if (usageType == null)
                    {
                        WriteObject(WaitFor(ct => client.ListAsync(sourceId, ct)), enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(WaitFor(ct => client.GetAsync(sourceId, usageType, ct)));
                    }
                }
                catch (ApiException ex)
                {
                    WriteApiError(ex, sourceId);
                }
            }
        }
    }
}
