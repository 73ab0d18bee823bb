using System.Globalization;

namespace GovernanceModule.Core
{
    /// <summary>A count with its noun in the right number: "1 task", "2 tasks".</summary>
    public static class Plural
    {
        public static string Of(int count, string one, string many) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
    }
}
