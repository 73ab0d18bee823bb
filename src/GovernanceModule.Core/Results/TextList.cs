using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace GovernanceModule.Core.Results
{
    /// <summary>
    /// A list of texts that Export-Csv writes as its values joined with commas (as a ProfileIds cell is read back),
    /// not as the name of a list type: Export-Csv writes a property's ToString().
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>, IExportedAsText
    {
        public TextList(IList<string> values)
            : base(values)
        {
        }

        public override string ToString() => string.Join(",", this);

        /// <summary>
        /// The list whose <see cref="ToString"/> is <paramref name="text"/>: an empty text is an empty list. The texts
        /// it holds are ids without commas (NERM profile ids are UUIDs); one with a comma would come back as two.
        /// </summary>
        public static TextList Parse(string text) => new TextList(text.Length == 0 ? new string[0] : text.Split(','));
    }
}
