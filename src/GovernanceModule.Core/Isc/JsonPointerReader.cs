using System.Globalization;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>Reads the value an RFC 6901 pointer names, for the client's own checks of test operations.</summary>
    internal static class JsonPointerReader
    {
        public static bool TryResolve(JToken root, string pointer, out JToken? value)
        {
            value = root;
            if (pointer.Length == 0)
            {
                return true;
            }

            foreach (var raw in pointer.Substring(1).Split('/'))
            {
                var token = raw.Replace("~1", "/").Replace("~0", "~");
                switch (value)
                {
                    case JObject obj when obj.TryGetValue(token, System.StringComparison.Ordinal, out var member):
                        value = member;
                        break;
                    case JArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                        value = array[index];
                        break;
                    default:
                        value = null;
                        return false;
                }
            }

            return true;
        }
    }
}
