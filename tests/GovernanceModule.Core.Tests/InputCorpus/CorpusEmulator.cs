using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.InputCorpus
{
    /// <summary>
    /// One in-process emulator per corpus class (the cases of a class run one after another), reset before each case,
    /// with the journal and the test-only state endpoints the corpus asserts on.
    /// </summary>
    public sealed class CorpusEmulator : IAsyncLifetime
    {
        /// <summary>The row labels the cmdlets give three piped rows; the bad row is always the second.</summary>
        public static readonly string[] Rows = { "Row 1", "Row 2", "Row 3" };

        public const string BadRow = "Row 2";

        /// <summary>What the issue asks for: Zoë, an em dash, Tokyo in kanji, a check mark outside the BMP's Latin range, and an emoji (a surrogate pair).</summary>
        public const string NonAscii = "Zoë — 東京 ✓ 👩‍💻";

        /// <summary>A 100,000-character value: a repeating, position-revealing pattern, so a cut or a shift shows.</summary>
        public static readonly string VeryLong = string.Concat(Enumerable.Range(0, 10_000).Select(i => (i % 100_000).ToString("D9") + "|"));

        private HttpClient? http;

        public EmulatorHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // The ISC cases send a few requests each, faster than ISC's 100 per 10 s: the limit is not what they test.
            Host = await EmulatorHost.StartAsync(new EmulatorOptions { Isc = { RateLimitRequests = 1_000_000 } });
            http = new HttpClient { BaseAddress = Host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        }

        public async Task DisposeAsync()
        {
            http?.Dispose();
            await Host.DisposeAsync();
        }

        public void Reset() => Host.Reset();

        /// <summary>The requests the API's endpoints received (never the /_emulator/ ones), oldest first.</summary>
        public IReadOnlyList<JournalEntry> Requests(string api) => Host.Journal.Entries(api).ToList();

        /// <summary>GET /_emulator/{path}: the server's own record of what it stored.</summary>
        public async Task<JObject> StateAsync(string path)
        {
            using var response = await http!.GetAsync("_emulator/" + path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, "GET /_emulator/" + path + " answered " + (int)response.StatusCode + ": " + body);
            return JObject.Parse(body);
        }
    }
}
