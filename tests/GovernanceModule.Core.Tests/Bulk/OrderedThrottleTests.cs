using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using Xunit;

namespace GovernanceModule.Core.Tests.Bulk
{
    public sealed class OrderedThrottleTests
    {
        [Fact]
        public async Task Outcomes_come_back_in_input_order_one_per_input_with_at_most_Limit_in_flight()
        {
            var inFlight = 0;
            var maxInFlight = 0;
            var random = new Random(7);
            var delays = Enumerable.Range(0, 60).Select(_ => random.Next(0, 15)).ToArray();
            var throttle = new OrderedThrottle<int, int>(4, async (item, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(delays[item], ct);
                Interlocked.Decrement(ref inFlight);
                return item * 10;
            });

            var outcomes = new List<Finished<int, int>>();
            for (var i = 0; i < delays.Length; i++)
            {
                outcomes.AddRange(await throttle.AddAsync(i, CancellationToken.None));
                Assert.True(throttle.Pending <= throttle.MaxWaiting);
            }

            outcomes.AddRange(await throttle.DrainAsync());

            Assert.Equal(Enumerable.Range(0, delays.Length), outcomes.Select(o => o.Item));
            Assert.Equal(Enumerable.Range(0, delays.Length).Select(i => i * 10), outcomes.Select(o => o.Result));
            Assert.InRange(maxInFlight, 2, 4);
            Assert.Equal(0, throttle.Pending);
        }

        [Fact]
        public async Task An_item_that_shares_a_key_with_one_in_flight_waits_for_it_and_unrelated_items_overlap()
        {
            // Items are key sets; item 2 shares "b" with item 0 and must not start before item 0 is done.
            var keys = new[] { new[] { "a", "b" }, new[] { "c" }, new[] { "b", "d" }, new[] { "e" } };
            var release0 = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = new List<int>();
            var inFlightKeys = new HashSet<string>();
            var sharedInFlight = false;
            var gate = new object();
            var throttle = new OrderedThrottle<int, int>(4, async (item, ct) =>
            {
                lock (gate)
                {
                    started.Add(item);
                    foreach (var key in keys[item])
                    {
                        sharedInFlight |= !inFlightKeys.Add(key);
                    }
                }

                if (item == 0)
                {
                    await release0.Task;
                }

                lock (gate)
                {
                    foreach (var key in keys[item])
                    {
                        inFlightKeys.Remove(key);
                    }
                }

                return item;
            }, item => keys[item]);

            var outcomes = new List<Finished<int, int>>();
            outcomes.AddRange(await throttle.AddAsync(0, CancellationToken.None));
            outcomes.AddRange(await throttle.AddAsync(1, CancellationToken.None));
            var third = throttle.AddAsync(2, CancellationToken.None);
            await Task.Delay(200);
            lock (gate)
            {
                Assert.DoesNotContain(2, started);
            }

            Assert.False(third.IsCompleted);
            release0.SetResult(true);
            outcomes.AddRange(await third);
            outcomes.AddRange(await throttle.AddAsync(3, CancellationToken.None));
            outcomes.AddRange(await throttle.DrainAsync());

            Assert.Equal(new[] { 0, 1, 2, 3 }, outcomes.Select(o => o.Item));
            Assert.False(sharedInFlight);
            Assert.Equal(0, throttle.Pending);
        }

        [Fact]
        public async Task A_failing_item_becomes_its_own_outcome_and_the_others_go_on()
        {
            var throttle = new OrderedThrottle<int, string>(3, (item, ct) =>
                item == 2 ? throw new InvalidOperationException("item 2 broke") : Task.FromResult("ok " + item));

            var outcomes = new List<Finished<int, string>>();
            foreach (var item in new[] { 1, 2, 3 })
            {
                outcomes.AddRange(await throttle.AddAsync(item, CancellationToken.None));
            }

            outcomes.AddRange(await throttle.DrainAsync());

            Assert.Equal(new[] { 1, 2, 3 }, outcomes.Select(o => o.Item));
            Assert.Equal(new[] { true, false, true }, outcomes.Select(o => o.Succeeded));
            Assert.Equal("item 2 broke", outcomes[1].Exception!.Message);
        }

        [Fact]
        public async Task A_slow_first_item_holds_back_later_outcomes_but_not_later_work()
        {
            var firstMayFinish = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = new List<int>();
            var throttle = new OrderedThrottle<int, int>(2, async (item, ct) =>
            {
                lock (started) started.Add(item);
                if (item == 0) await firstMayFinish.Task;
                return item;
            });

            Assert.Empty(await throttle.AddAsync(0, CancellationToken.None));
            Assert.Empty(await throttle.AddAsync(1, CancellationToken.None));
            var adding = throttle.AddAsync(2, CancellationToken.None);
            await WaitUntil(() => { lock (started) return started.Contains(2); });
            Assert.Empty(await adding);

            firstMayFinish.SetResult(true);
            Assert.Equal(new[] { 0, 1, 2 }, (await throttle.DrainAsync()).Select(o => o.Item));
        }

        [Fact]
        public async Task Cancellation_ends_waiting_work_as_its_outcome()
        {
            using var cts = new CancellationTokenSource();
            var throttle = new OrderedThrottle<int, int>(1, async (item, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return item;
            });

            await throttle.AddAsync(1, cts.Token);
            cts.Cancel();
            var outcome = Assert.Single(await throttle.DrainAsync());

            Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        }

        [Fact]
        public async Task A_stop_while_waiting_for_room_keeps_the_outcomes_already_taken_and_drain_hands_them_back()
        {
            using var cts = new CancellationTokenSource();
            var throttle = new OrderedThrottle<int, int>(2, async (item, ct) =>
            {
                if (item == 1)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return item;
            });

            // Item 1 never finishes on its own, so every later outcome waits behind it until the window is full.
            for (var i = 1; i <= throttle.MaxWaiting; i++)
            {
                Assert.Empty(await throttle.AddAsync(i, cts.Token));
            }

            var next = throttle.AddAsync(throttle.MaxWaiting + 1, cts.Token);
            await Task.Delay(50);
            Assert.False(next.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
            var drained = await throttle.DrainAsync();

            Assert.Equal(Enumerable.Range(1, throttle.MaxWaiting), drained.Select(o => o.Item));
            Assert.IsAssignableFrom<OperationCanceledException>(drained[0].Exception);
            Assert.All(drained.Skip(1), o => Assert.True(o.Succeeded));
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        private static async Task WaitUntil(Func<bool> condition)
        {
            for (var i = 0; i < 500 && !condition(); i++)
            {
                await Task.Delay(10);
            }

            Assert.True(condition());
        }
    }
}
