using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;
using Xunit;

namespace GovernanceModule.Core.Tests.Http
{
    public sealed class RequestRateLimiterTests
    {
        [Fact]
        public async Task A_request_holds_its_slot_until_answered_and_the_window_counts_from_the_answer()
        {
            var limiter = new RequestRateLimiter(2, TimeSpan.FromMilliseconds(200));
            var first = await limiter.AcquireAsync(NullApiTrace.Instance, CancellationToken.None);
            using var second = await limiter.AcquireAsync(NullApiTrace.Instance, CancellationToken.None);

            var third = limiter.AcquireAsync(NullApiTrace.Instance, CancellationToken.None);
            await Task.Delay(400);
            Assert.False(third.IsCompleted, "a slot was given while both requests were still in flight");

            var answered = Stopwatch.StartNew();
            first.Dispose();
            (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
            Assert.True(answered.Elapsed >= TimeSpan.FromMilliseconds(190), "the window was not counted from the answer");
        }

        [Fact]
        public async Task Waiting_is_cancellable()
        {
            var limiter = new RequestRateLimiter(1, TimeSpan.FromMinutes(10));
            using var held = await limiter.AcquireAsync(NullApiTrace.Instance, CancellationToken.None);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(NullApiTrace.Instance, cts.Token));
        }
    }
}
