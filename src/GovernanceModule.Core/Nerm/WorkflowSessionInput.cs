using System.Collections.Generic;

namespace GovernanceModule.Core.Nerm
{
    /// <summary>
    /// One session change as the caller gave it (parameters or CSV cells), before validation. Null means not given;
    /// a given value that is empty is an error, never a silent clear.
    /// </summary>
    public sealed class WorkflowSessionInput
    {
        public string? Id { get; set; }

        public string? Status { get; set; }

        public string? WorkflowId { get; set; }

        public string? RequesterId { get; set; }

        public string? RequesterType { get; set; }

        public string? ProfileId { get; set; }

        /// <summary>Profile ids; an item may hold several separated by commas, semicolons or spaces (one CSV cell).</summary>
        public IList<string>? ProfileIds { get; set; }

        /// <summary>Attribute uid to value: strings, numbers, dates (sent as MM/dd/yyyy) or arrays (joined with commas).</summary>
        public IList<KeyValuePair<string, object?>> Attributes { get; } = new List<KeyValuePair<string, object?>>();

        public bool Run { get; set; }
    }
}
