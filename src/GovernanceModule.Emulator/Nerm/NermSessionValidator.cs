using System.Text.Json.Nodes;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Specs;
using NJsonSchema.Validation;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>
/// What a session must be to be stored: its answer valid against the published 200 schema of the operation that
/// writes it, so that the emulator never stores what it may not answer. Problems come as NERM's <c>errors</c> object.
/// </summary>
public static class NermSessionValidator
{
    private const string SessionMember = "workflow_session.";

    /// <summary>Reads the schemas now rather than at the first write.</summary>
    public static void Prepare()
    {
        PublishedSpec.Nerm.Response(NermPaths.Session, "PATCH", 200);
        PublishedSpec.Nerm.Response(NermPaths.Sessions, "POST", 200);
    }

    /// <summary>NERM's field errors for <paramref name="state"/> answered by <paramref name="method"/> on <paramref name="pathTemplate"/>; empty when it may be stored.</summary>
    public static JsonObject Problems(NermSession session, NermSessionState state, string method, string pathTemplate, EmulatorOptions options)
    {
        var echoRegistrant = options.Nerm.AcceptNeaccessRegistrant && !options.Strict && state.RequesterType == NermVocabulary.NeaccessRegistrant;
        var errors = new JsonObject();
        var body = NermResponses.Single(session, state).ToJsonString(EmulatorJson.Vendor);
        foreach (var violation in PublishedSpec.Nerm.Response(pathTemplate, method, 200).Validate(body))
        {
            var member = violation.Member.StartsWith(SessionMember, System.StringComparison.Ordinal) ? violation.Member[SessionMember.Length..] : violation.Member;
            // Deviation NermNeaccessRegistrant: stored and echoed only when switched on.
            if (echoRegistrant && member == "requester_type") continue;
            errors[member] = violation.Kind == ValidationErrorKind.NotInEnumeration ? "is not included in the list" : violation.Problem;
        }

        return errors;
    }
}
