using System;
using System.Reflection;
using System.Threading;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// JsonDiffPatch.Net was built against Newtonsoft.Json 11.0.0.0; the module ships 13.0.3. .NET (PowerShell 7)
    /// accepts the newer version by itself, but .NET Framework (Windows PowerShell 5.1) binds strong names exactly and
    /// powershell.exe has no binding redirect, so the request for 11.0.0.0 is answered here with the loaded Newtonsoft.
    /// </summary>
    internal static class NewtonsoftBinding
    {
        private static int installed;

        public static void Install()
        {
            if (Interlocked.Exchange(ref installed, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            var loaded = typeof(JToken).Assembly;
            return string.Equals(requested.Name, loaded.GetName().Name, StringComparison.OrdinalIgnoreCase) ? loaded : null;
        }
    }
}
