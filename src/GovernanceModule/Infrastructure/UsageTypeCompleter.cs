using GovernanceModule.Core.Isc;

namespace GovernanceModule.Infrastructure
{
    /// <summary>The 16 documented usage types; others pass only with -AllowUndocumentedUsageType (checked by Core).</summary>
    public sealed class UsageTypeCompleter : ListCompleter
    {
        public UsageTypeCompleter()
            : base(UsageTypes.Documented)
        {
        }
    }
}
