using System;
using GovernanceModule.Core.Oig;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The provisioning-task actions, for -Action of Set-ProvTask (checked by Core, any case).</summary>
    public sealed class ProvTaskActionCompleter : ListCompleter
    {
        public ProvTaskActionCompleter()
            : base(Enum.GetNames(typeof(ProvTaskAction)))
        {
        }
    }
}
