using System.Runtime.CompilerServices;

namespace GovernanceModule.Core
{
    /// <summary>How the runtime compiles code that a journaled run calls once or twice per row.</summary>
    public static class Jit
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name: compiled optimized at once.
        /// A run of a few thousand rows ends before the runtime replaces its first, unoptimized code, which costs
        /// several times as much per call. .NET Framework, which compiles optimized from the start, ignores it.
        /// </summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
