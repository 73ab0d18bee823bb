using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace GovernanceModule.Emulator.Oig;

/// <summary>What a task attribute is read from.</summary>
public readonly record struct OigTaskView(OigTask Task, OigTaskState State, OigPerson Assignee);

/// <summary>One task attribute as OIG names it; values are strings or numbers.</summary>
public sealed record OigField(string Name, Func<OigTaskView, object> Read, Func<OigTaskState, string, OigTaskState>? Write = null);

/// <summary>The task attributes the emulator shows in GET answers, filters with <c>q</c> and lets the older PUT form set.</summary>
public static class OigTaskFields
{
    public const string Key = "Process Definition.Tasks.Key";
    public const string TaskName = "Process Definition.Tasks.Task Name";
    public const string Status = "Process Instance.Task Details.Status";
    public const string StatusCategory = "Status.Category";
    public const string ObjectName = "Objects.Name";
    public const string DescriptiveData = "Process Instance.Descriptive Data";
    public const string Assignee = "Process Instance.Task Information.Assignee";
    public const string AssigneeFirstName = "Process Instance.Task Information.Assignee First Name";
    public const string AssignType = "Process Instance.Task Information.Assign Type";
    public const string Note = "Process Instance.Task Details.Note";
    public const string Response = "Process Definition.Tasks.Responses.Response";
    public const string ProjectedEnd = "Process Instance.Task Details.Projected End";
    public const string CreatedBy = "Process Instance.Task Details.Created By";
    public const string UpdatedBy = "Process Instance.Task Information.Updated By User ID";
    public const string SystemLevel = "Process Instance.Task Details.System level";
    public const string SchedulerReason = "SCH_REASON";

    /// <summary>In the order GET answers list them.</summary>
    public static readonly IReadOnlyList<OigField> All =
    [
        new(Key, v => v.Task.DefinitionKey),
        new(TaskName, v => v.Task.TaskName),
        new(Status, v => v.State.Status),
        new(StatusCategory, v => OigTaskStatus.CategoryOf(v.State.Status)),
        new(ObjectName, v => v.Task.ObjectName),
        new(DescriptiveData, v => v.State.DescriptiveData),
        new(Assignee, v => v.Assignee.Login),
        new(AssigneeFirstName, v => v.Assignee.FirstName),
        new(AssignType, _ => "User"),
        new(Note, v => v.State.Note, (s, value) => s with { Note = value }),
        new(Response, v => v.State.Response, (s, value) => s with { Response = value }),
        new(ProjectedEnd, v => v.State.ProjectedEnd, (s, value) => s with { ProjectedEnd = value }),
        new(CreatedBy, v => v.Task.CreatedBy),
        new(UpdatedBy, v => v.State.UpdatedBy),
        new(SystemLevel, _ => 0),
        new(SchedulerReason, v => v.State.SchedulerReason),
    ];

    private static readonly Dictionary<string, OigField> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static OigField? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Why a value cannot be stored in a writable attribute, or null when it can.</summary>
    public static string? CheckValue(OigField field, string value) =>
        field.Name == ProjectedEnd && value.Length > 0
        && !DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? $"'{ProjectedEnd}' must be a date yyyy-MM-dd."
            : null;

    /// <summary>The attribute value as the text a <c>q</c> filter compares.</summary>
    public static string AsText(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The <c>fields</c> array of a GET answer; numbers stay JSON numbers.</summary>
    public static JsonArray ToJson(OigTaskView view)
    {
        var array = new JsonArray();
        foreach (var field in All)
        {
            JsonNode? value = field.Read(view) switch
            {
                int number => JsonValue.Create(number),
                var other => JsonValue.Create(AsText(other)),
            };
            array.Add(new JsonObject { ["name"] = field.Name, ["value"] = value });
        }
        return array;
    }
}
