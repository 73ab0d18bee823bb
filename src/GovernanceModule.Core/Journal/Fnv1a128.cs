using System.Runtime.CompilerServices;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// The 128-bit FNV-1a hash (Fowler, Noll, Vo) of a byte sequence, as 32 hex digits. A journal fingerprints every
    /// row it reads, to know a changed input again; that needs a hash that spreads small differences, not one that
    /// resists an attacker (the journal holds the values themselves). SHA-256 through the platform's cryptography
    /// cost more per row than everything else the journal does.
    /// </summary>
    internal static class Fnv1a128
    {
        private const ulong OffsetHigh = 0x6c62272e07bb0142;
        private const ulong OffsetLow = 0x62b821756295c58d;

        /// <summary>The prime is 2^88 + 0x13B.</summary>
        private const ulong PrimeLow = 0x13B;

        private const string HexDigits = "0123456789abcdef";

        [MethodImpl(Jit.Optimized)]
        public static string Hex(byte[] bytes, int count)
        {
            var high = OffsetHigh;
            var low = OffsetLow;
            for (var i = 0; i < count; i++)
            {
                low ^= bytes[i];

                // (high, low) * (2^88 + 0x13B), modulo 2^128.
                var lowLow = (low & 0xFFFFFFFF) * PrimeLow;
                var lowHigh = (low >> 32) * PrimeLow;
                var productLow = lowLow + (lowHigh << 32);
                var carry = (lowHigh >> 32) + (productLow < lowLow ? 1UL : 0UL);
                high = (high * PrimeLow) + carry + (low << 24);
                low = productLow;
            }

            var hex = new char[32];
            for (var i = 0; i < 16; i++)
            {
                hex[15 - i] = HexDigits[(int)(high >> (4 * i)) & 0xF];
                hex[31 - i] = HexDigits[(int)(low >> (4 * i)) & 0xF];
            }

            return new string(hex);
        }
    }
}
