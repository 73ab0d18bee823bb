using System.Collections.Generic;

namespace GovernanceModule.Core.Oig
{
    /// <summary>A provisioning task as GET provtasks returns it. TaskId binds to the -TaskId of the changing cmdlets.</summary>
    public sealed class ProvTask
    {
        public const string TaskNameField = "Process Definition.Tasks.Task Name";
        public const string StatusField = "Process Instance.Task Details.Status";

        public ProvTask(string taskId, IDictionary<string, object?> fields, string? uri)
        {
            TaskId = taskId;
            Fields = fields;
            Uri = uri;
        }

        public string TaskId { get; }

        public string? TaskName => Text(TaskNameField);

        public string? Status => Text(StatusField);

        /// <summary>Every attribute the server returned, by name; values are strings or numbers.</summary>
        public IDictionary<string, object?> Fields { get; }

        public string? Uri { get; }

        public override string ToString() => TaskId;

        private string? Text(string name) => Fields.TryGetValue(name, out var value) ? value?.ToString() : null;
    }
}
