using System;
using System.Collections.Generic;
using System.Linq;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>The enumerations of NERM's published workflow-session API, exactly as documented (case-sensitive).</summary>
public static class NermVocabulary
{
    /// <summary>The 61 values of <c>status</c> in request and response bodies.</summary>
    public static readonly IReadOnlyList<string> Statuses =
    [
        "api_request_sent", "approved", "assigned", "attempting_to_start_workflow", "AUTH-STATUS1", "AUTH-STATUS2",
        "AUTH-STATUS3", "AUTH-STATUS4", "AUTH-STATUS5", "AUTH-STATUS6", "AUTH-STATUS7", "AUTH-STATUS8", "AUTH-STATUS9",
        "auto_assigned", "batch_completed", "checking_for_duplicates", "closed", "completed", "courion_add",
        "courion_extend", "courion_terminate", "courion_update", "duplicates_resolved", "failed", "fulfilled",
        "invitation_sent", "ldap_provided", "new", "non_employee_created", "non_employee_updated", "notified",
        "pending_approval", "pending_assignment", "pending_courion_add", "pending_courion_extend",
        "pending_courion_terminate", "pending_courion_update", "pending_creation", "pending_fulfillment",
        "pending_ldap", "pending_notification", "pending_profile_select", "pending_request", "pending_review",
        "pending_status_change", "pending_stored_procedure", "pending_trigger", "pending_update", "processing",
        "profile_check_complete", "profiles_selected", "rejected", "requested", "reviewed", "soap_request_sent",
        "started_workflow", "status_changed", "stored_procedure", "un_assigned", "waiting_on_workflow",
        "workflow_changed",
    ];

    /// <summary>The 62 values of the list filter <c>status</c>, words separated by spaces (one mixed spelling kept).</summary>
    public static readonly IReadOnlyList<string> FilterStatuses =
    [
        "waiting on workflow", "identity proofing completed", "new", "closing", "pending request", "requested",
        "pending approval", "approved", "pending notification", "notified", "pending review", "reviewed",
        "pending trigger", "stored procedure", "pending status change", "status changed", "pending update",
        "non employee updated", "non employee created", "pending creation", "rejected", "pending assignment",
        "assigned", "default", "failed", "un assigned", "auto assigned", "ldap provided", "pending ldap",
        "pending fulfillment", "pending stored procedure", "pending courion add", "fulfilled",
        "pending courion update", "courion add", "pending courion_extend", "courion update",
        "pending courion terminate", "courion extend", "pending profile select", "courion terminate",
        "batch completed", "profiles selected", "answered questions", "pending questions",
        "attempting to start workflow", "started workflow", "profile check complete", "completed", "processing",
        "pending set attribute", "invitation sent", "action skipped", "api request sent", "attribute set",
        "disabled", "duplicates resolved", "soap request sent", "checking for duplicates",
        "pending identity proofing", "closed", "workflow changed",
    ];

    /// <summary>requester_type as the current PATCH schema lists it (responses list the first three).</summary>
    public static readonly IReadOnlyList<string> RequesterTypes = ["User", "NeprofileUser", "NeaccessUser", "NeaccessRegistrant"];

    private static readonly HashSet<string> StatusSet = new(Statuses, StringComparer.Ordinal);
    private static readonly HashSet<string> FilterStatusSet = new(FilterStatuses, StringComparer.Ordinal);

    public static bool IsStatus(string value) => StatusSet.Contains(value);

    public static bool IsFilterStatus(string value) => FilterStatusSet.Contains(value);

    /// <summary>The one requester type the request schemas allow and the response schemas do not.</summary>
    public const string NeaccessRegistrant = "NeaccessRegistrant";

    public static bool IsRequesterType(string value) => RequesterTypes.Contains(value, StringComparer.Ordinal);

    /// <summary>A filter value read as the body value it names ("pending approval" → "pending_approval").</summary>
    public static string FilterToStatus(string filterValue) => filterValue.Replace(' ', '_');

    public static bool IsUuid(string? text) => text is not null && Guid.TryParseExact(text, "D", out _);
}
