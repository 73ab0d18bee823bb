using System.Collections;

namespace GovernanceModule.Core.Oig
{
    /// <summary>One row as the user gave it (parameters or CSV cells), before validation.</summary>
    public sealed class ProvTaskInput
    {
        public string? TaskId { get; set; }

        public string? RequestId { get; set; }

        public string? Action { get; set; }

        public string? Assignee { get; set; }

        public string? AssigneeType { get; set; }

        public string? Note { get; set; }

        public string? Response { get; set; }

        public IDictionary? Field { get; set; }
    }
}
