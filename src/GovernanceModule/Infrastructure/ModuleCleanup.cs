using System.Management.Automation;

namespace GovernanceModule.Infrastructure
{
    /// <summary>Closes this runspace's connections (and their HttpClients) on Remove-Module.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => ConnectionStore.Current.Clear();
    }
}
