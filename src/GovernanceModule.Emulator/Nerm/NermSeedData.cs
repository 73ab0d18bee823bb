using System.Collections.Generic;
using System.Globalization;

namespace GovernanceModule.Emulator.Nerm;

/// <summary>The sessions every reset starts from: the one of the vendor example (S3), then generated ones.</summary>
public static class NermSeedData
{
    /// <summary>The id used throughout the seed document.</summary>
    public const string ExampleSessionId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    public const string ExampleSessionUid = "ws0000000000000000000000example1";

    /// <summary>The workflow, requester and profile ids of the spec's list-filter examples.</summary>
    public const string WorkflowId = "bba9cfb2-96c1-4acb-ac79-a21732527265";
    public const string OtherWorkflowId = "33f072dd-13b4-41e1-8ea0-16f2a59b57c8";
    public const string RequesterId = "c5e1dd38-7e29-464f-a0da-0c0d886d022a";
    public const string ProfileId = "4e480441-451d-47d9-87c2-9a0f0fe135eb";

    private static readonly string[] GeneratedStatuses = ["pending_approval", "approved", "completed", "pending_review", "failed"];

    public static string GeneratedId(int number) => "00000000-0000-4000-8000-" + number.ToString("D12", CultureInfo.InvariantCulture);

    public static IEnumerable<NermSession> Sessions(int generated)
    {
        yield return new NermSession(ExampleSessionId, ExampleSessionUid, 0, new NermSessionState(
            ExampleSessionId, ExampleSessionId, "User", ExampleSessionId, [ExampleSessionId], "pending_approval",
            [new("text_attribute_uid", "draft text")], Runs: 0, AppliedChanges: 0));

        for (var i = 1; i <= generated; i++)
        {
            var number = i.ToString(CultureInfo.InvariantCulture);
            yield return new NermSession(GeneratedId(i), "ws" + i.ToString("D30", CultureInfo.InvariantCulture), i, new NermSessionState(
                i % 3 == 0 ? OtherWorkflowId : WorkflowId,
                RequesterId,
                i % 4 == 0 ? "NeprofileUser" : "User",
                i % 2 == 0 ? ProfileId : null,
                i % 2 == 0 ? [ProfileId] : [],
                GeneratedStatuses[i % GeneratedStatuses.Length],
                [new("department_uid", "Department " + (i % 7).ToString(CultureInfo.InvariantCulture)), new("badge_number_uid", number)],
                Runs: 0,
                AppliedChanges: 0));
        }
    }
}
