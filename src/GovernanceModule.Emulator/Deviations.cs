using System;
using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator;

/// <summary>
/// An answer of the emulator that follows a real tenant or the vendor's other documents rather than the published
/// OpenAPI spec. <see cref="UndocumentedStatus"/> is the status it answers that the spec does not list, on the
/// operations named in <see cref="Operations"/> ("PATCH /workflow_sessions/{id}", "*" for every operation of the API).
/// </summary>
public sealed record Deviation(
    string Name,
    string Api,
    string Differs,
    string Reason,
    bool StrictTurnsOff,
    int? UndocumentedStatus = null,
    params string[] Operations)
{
    /// <summary>True when this deviation lets <paramref name="status"/> answer the operation.</summary>
    public bool Allows(string api, string method, string pathTemplate, int status) =>
        UndocumentedStatus == status
        && string.Equals(Api, api, StringComparison.Ordinal)
        && Operations.Any(op => op == "*" || op == method + " " + pathTemplate);

    /// <summary>Whether it shows with these options: Strict turns off those it can.</summary>
    public bool IsActive(EmulatorOptions options) => !(options.Strict && StrictTurnsOff) && IsSwitchedOn(options);

    private bool IsSwitchedOn(EmulatorOptions options) => Name switch
    {
        Deviations.NermNeaccessRegistrant => options.Nerm.AcceptNeaccessRegistrant,
        _ => true,
    };
}

/// <summary>
/// The one list of deliberate deviations from SailPoint's published specs (src/GovernanceModule.Emulator/Specs). README
/// names each entry, <c>GET /_emulator/deviations</c> serves the list, and the conformance tests accept an answer
/// outside the spec only when an entry here allows it. <c>--Emulator:Strict true</c> turns off those that can be.
/// </summary>
public static class Deviations
{
    public const string UndocumentedUsageType = nameof(UndocumentedUsageType);
    public const string PatchContentType415 = nameof(PatchContentType415);
    public const string IscVersionPrefixes = nameof(IscVersionPrefixes);
    public const string NermUnknownId404 = nameof(NermUnknownId404);
    public const string NermUnauthorized401 = nameof(NermUnauthorized401);
    public const string NermNeaccessRegistrant = nameof(NermNeaccessRegistrant);
    public const string NermOffsetFromZero = nameof(NermOffsetFromZero);

    private const string PolicyPath = "/sources/{sourceId}/provisioning-policies/{usageType}";
    private const string SessionPath = "/workflow_sessions/{id}";

    public static readonly IReadOnlyList<Deviation> All =
    [
        new(UndocumentedUsageType, ApiNames.Isc,
            "Source 2c91808568c529c60168cca6f90c1313 holds a CREATE_MACHINE_ACCOUNT policy, which its list answer includes although usageType's enum lacks it; with Isc.AllowUndocumentedUsageTypes, GET, PUT, PATCH and DELETE also take such usage types.",
            "Real tenants hold policies of usage types outside the published enum; a client must not break on them.",
            StrictTurnsOff: true),
        new(PatchContentType415, ApiNames.Isc,
            "A PATCH whose Content-Type is not application/json-patch+json (for example application/json) is answered 415 with an ErrorResponseDto; the spec lists no 415 (Strict: 400).",
            "ISC refuses JSON Patch sent as application/json with 415 Unsupported Media Type.",
            StrictTurnsOff: true, 415, "PATCH " + PolicyPath),
        new(IscVersionPrefixes, ApiNames.Isc,
            "The provisioning policies are also served under /beta, /v2024, /v2025 and /v2026; the spec's servers name only /v3 (Strict: 404 there).",
            "SailPoint's SDKs call these versions, which carry the same schemas for this resource.",
            StrictTurnsOff: true),
        new(NermUnknownId404, ApiNames.Nerm,
            "GET or PATCH of an unknown (or non-UUID) workflow session id is answered 404 {\"error\":\"The requested Workflow Session was not found\"}; the spec lists no 404 (Strict: 400 with that body).",
            "NERM answers unknown records with its generic 404.",
            StrictTurnsOff: true, 404, "GET " + SessionPath, "PATCH " + SessionPath),
        new(NermUnauthorized401, ApiNames.Nerm,
            "A request without a valid bearer token (NERM API key or ISC access token) is answered 401 {\"error\":…}; the spec lists no 401.",
            "NERM refuses missing or wrong credentials with 401; no documented status means 'not authenticated', so Strict keeps it.",
            StrictTurnsOff: false, 401, "*"),
        new(NermNeaccessRegistrant, ApiNames.Nerm,
            "Only with Nerm.AcceptNeaccessRegistrant: requester_type NeaccessRegistrant, which the request schemas allow, is stored and echoed in a 200 whose schema does not allow it. Off by default: such a write is a 400 naming requester_type.",
            "Tenants that accept the value the request schema documents; lets a runbook test how it shows such a session.",
            StrictTurnsOff: true),
        new(NermOffsetFromZero, ApiNames.Nerm,
            "GET /workflow_sessions counts offset from 0 and accepts offset=0; the spec gives offset a minimum of 1.",
            "NERM's pagination guide pages from 0 (default 0), and the module pages that way; Strict keeps it so paging does not skip the first session.",
            StrictTurnsOff: false),
    ];

    /// <summary>True when an active deviation lets the API answer <paramref name="status"/> to the operation.</summary>
    public static bool AllowStatus(EmulatorOptions options, string api, string method, string pathTemplate, int status) =>
        All.Any(d => d.IsActive(options) && d.Allows(api, method, pathTemplate, status));

    public static Deviation Named(string name) => All.Single(d => d.Name == name);
}
