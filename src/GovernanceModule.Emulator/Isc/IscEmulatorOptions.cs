namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// The ISC provisioning-policy switches, as <c>EmulatorOptions.Isc</c>; from the
/// command line <c>--Emulator:Isc:RateLimitRequests 20</c>, at run time <c>PATCH /_emulator/options {"isc":{…}}</c>
/// (which replaces the whole set: give every member you do not want back at its default).
/// </summary>
public sealed class IscEmulatorOptions
{
    public const int DefaultRateLimitRequests = 100;
    public const double DefaultRateLimitWindowSeconds = 10;

    /// <summary>Requests per client id and API version in one window; 0 or less turns the limit off.</summary>
    public int RateLimitRequests { get; set; } = DefaultRateLimitRequests;

    /// <summary>Length of the rate-limit window in seconds; fractions let tests use a short window.</summary>
    public double RateLimitWindowSeconds { get; set; } = DefaultRateLimitWindowSeconds;

    /// <summary>
    /// Accept usage types outside the 16 documented ones, as real tenants hold more (deviation
    /// <see cref="Deviations.UndocumentedUsageType"/>; Strict ignores it).
    /// </summary>
    public bool AllowUndocumentedUsageTypes { get; set; }
}
