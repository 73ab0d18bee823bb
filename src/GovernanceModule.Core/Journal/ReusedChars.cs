using System;
using Newtonsoft.Json;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// The character buffer of the JSON readers of one thread, handed from one reader to the next: reading a journal
    /// reads one short line after another, and a new buffer per line was much of what indexing allocated.
    /// </summary>
    internal sealed class ReusedChars : IArrayPool<char>
    {
        public static readonly ReusedChars Instance = new ReusedChars();

        /// <summary>Larger buffers (a huge line) are not kept.</summary>
        private const int Largest = 64 * 1024;

        [ThreadStatic]
        private static char[]? spare;

        public char[] Rent(int minimumLength)
        {
            var buffer = spare;
            if (buffer != null && buffer.Length >= minimumLength)
            {
                spare = null;
                return buffer;
            }

            return new char[minimumLength];
        }

        public void Return(char[]? array)
        {
            if (array != null && array.Length <= Largest && (spare == null || array.Length > spare.Length))
            {
                spare = array;
            }
        }
    }
}
