using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using GovernanceModule.Emulator.Infrastructure;

namespace GovernanceModule.Emulator.Isc;

/// <summary>
/// The access tokens the emulator's /oauth/token issued, with their clients and expiry. ISC (/v3) and NERM (which
/// accepts ISC tokens besides its own API keys) both validate bearer tokens here.
/// </summary>
public sealed class IscTokenIssuer : IResettableState
{
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> everIssued = new();
    private readonly EmulatorOptions options;

    public IscTokenIssuer(EmulatorOptions options)
    {
        this.options = options;
    }

    /// <summary>
    /// Every access token issued since the emulator started, resets included, oldest first: secret scans look for
    /// them in what the client shows (GET /_emulator/isc/tokens).
    /// </summary>
    public IReadOnlyList<string> EverIssued => everIssued.ToArray();

    public IssuedToken Issue(IscClient client)
    {
        var jti = Guid.NewGuid().ToString();
        var issued = new IssuedToken(JwtShaped(client.ClientId, jti), client, jti, DateTimeOffset.UtcNow.AddSeconds(options.IscTokenLifetimeSeconds));
        tokens[issued.AccessToken] = issued;
        everIssued.Enqueue(issued.AccessToken);
        return issued;
    }

    /// <summary>The token's record when it is known; <paramref name="expired"/> tells a known token past its expiry.</summary>
    public IssuedToken? Validate(string accessToken, out bool expired)
    {
        expired = false;
        if (!tokens.TryGetValue(accessToken, out var issued))
        {
            return null;
        }

        expired = DateTimeOffset.UtcNow >= issued.ExpiresAt;
        return expired ? null : issued;
    }

    /// <summary>Makes every issued token expire now (for tests of the client's refresh on 401).</summary>
    public void ExpireAll()
    {
        foreach (var key in tokens.Keys)
        {
            tokens[key] = tokens[key] with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) };
        }
    }

    public void Reset() => tokens.Clear();

    private static string JwtShaped(string clientId, string jti)
    {
        static string Part(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Part("{\"client_id\":\"" + clientId + "\",\"jti\":\"" + jti + "\"}") + "." + signature;
    }
}

public sealed record IssuedToken(string AccessToken, IscClient Client, string Jti, DateTimeOffset ExpiresAt);
