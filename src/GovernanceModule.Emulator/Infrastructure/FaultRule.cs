using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>What a matching fault rule does after its latency.</summary>
[JsonConverter(typeof(FaultModeJsonConverter))]
public enum FaultMode
{
    /// <summary>Answer <see cref="FaultRule.Status"/> without processing; with Status 0 only the latency applies.</summary>
    Respond,

    /// <summary>Abort the connection before the request is processed: nothing changes.</summary>
    DropBeforeProcessing,

    /// <summary>Process the request (state changes apply), then abort instead of answering.</summary>
    DropAfterProcessing,
}

/// <summary>
/// A fault applied to matching vendor requests, in front of authentication (it models the
/// network or a proxy). Null filters match everything.
/// </summary>
public sealed class FaultRule
{
    /// <summary>"oig", "nerm", "isc" or "other"; null for any.</summary>
    public string? Api { get; set; }

    /// <summary>HTTP method, e.g. "PUT"; null for any.</summary>
    public string? Method { get; set; }

    /// <summary>Matches paths starting with this text (case-insensitive); null for any.</summary>
    public string? PathPrefix { get; set; }

    /// <summary>Status to answer in <see cref="FaultMode.Respond"/>; 0 = none.</summary>
    public int Status { get; set; }

    /// <summary>Sent as <c>Retry-After</c> (seconds) with an injected status.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>How many more requests this rule applies to; -1 = forever.</summary>
    public int Count { get; set; } = -1;

    /// <summary>
    /// Applies to every Nth matching request only (1 = each one), so that a long run meets faults spread through
    /// it rather than all at its start. Requests passed over do not use up <see cref="Count"/>.
    /// </summary>
    public int Every { get; set; } = 1;

    /// <summary>
    /// In <see cref="FaultMode.Respond"/>, the body to answer instead of the API's own error body: with Status 200
    /// it models a proxy's HTML page or a truncated answer.
    /// </summary>
    public string? Body { get; set; }

    /// <summary>The Content-Type sent with <see cref="Body"/>; application/json when not given.</summary>
    public string? ContentType { get; set; }

    /// <summary>Matching requests seen so far, for <see cref="Every"/>.</summary>
    [JsonIgnore]
    public int Seen { get; set; }

    /// <summary>Delay before the fault (or before passing the request on), cancelled with the request.</summary>
    public int LatencyMs { get; set; }

    public FaultMode Mode { get; set; } = FaultMode.Respond;

    public bool Matches(string api, string method, string path) =>
        (Api is null || string.Equals(Api, api, StringComparison.OrdinalIgnoreCase))
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Status != 0 && Status is < 100 or > 599) problems.Add("status must be 0 or an HTTP status code.");
        if (Count < -1) problems.Add("count must be -1 (forever) or at least 0.");
        if (LatencyMs < 0) problems.Add("latencyMs must not be negative.");
        if (RetryAfterSeconds < 0) problems.Add("retryAfterSeconds must not be negative.");
        if (Every < 1) problems.Add("every must be at least 1.");
        if (Body is not null && Mode != FaultMode.Respond) problems.Add("body applies only to mode \"respond\".");
        return problems;
    }

    public FaultRule Clone() => (FaultRule)MemberwiseClone();
}

/// <summary>Reads and writes <see cref="FaultMode"/> as "respond", "drop-before", "drop-after".</summary>
public sealed class FaultModeJsonConverter : JsonConverter<FaultMode>
{
    public override FaultMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text?.Replace("_", "-").ToLowerInvariant() switch
        {
            "respond" => FaultMode.Respond,
            "drop-before" or "dropbefore" or "dropbeforeprocessing" or "drop-before-processing" => FaultMode.DropBeforeProcessing,
            "drop-after" or "dropafter" or "dropafterprocessing" or "drop-after-processing" => FaultMode.DropAfterProcessing,
            _ => throw new JsonException("mode must be \"respond\", \"drop-before\" or \"drop-after\"."),
        };
    }

    public override void Write(Utf8JsonWriter writer, FaultMode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value switch
        {
            FaultMode.DropBeforeProcessing => "drop-before",
            FaultMode.DropAfterProcessing => "drop-after",
            _ => "respond",
        });
}
