using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using GovernanceModule.Core.Connections;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// The current connections of one runspace. Kept per runspace, not in a plain static, so that runspaces
    /// (jobs, ForEach-Object -Parallel, hosted automation) never see each other's sessions.
    /// </summary>
    internal sealed class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, ConnectionStore> Stores = new ConditionalWeakTable<Runspace, ConnectionStore>();

        public OigConnection? Oig { get; private set; }

        public static ConnectionStore Current => Stores.GetValue(Runspace.DefaultRunspace, _ => new ConnectionStore());

        public void SetOig(OigConnection connection)
        {
            if (!ReferenceEquals(Oig, connection))
            {
                Oig?.Dispose();
            }

            Oig = connection;
        }

        public void Clear()
        {
            Oig?.Dispose();
            Oig = null;
        }
    }
}
