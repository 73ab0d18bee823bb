using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using GovernanceModule.Core.Tests.Isc;
using GovernanceModule.Core.Tests.Nerm;
using GovernanceModule.Emulator;
using GovernanceModule.Emulator.Infrastructure;
using GovernanceModule.Emulator.Isc;
using GovernanceModule.Emulator.Nerm;
using Xunit;

namespace GovernanceModule.Core.Tests.Bulk
{
    /// <summary>
    /// Each API's outcome carries the one ItemFailure its client made where it found the failure: the same object on
    /// every read, agreeing with the result the user sees, and keeping the exception it was found as.
    /// </summary>
    public sealed class OutcomeFailureTests : IAsyncLifetime
    {
        private EmulatorHost emulator = null!;

        public async Task InitializeAsync() => emulator = await EmulatorHost.StartAsync();

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        [Fact]
        public async Task Oig_a_refused_task_has_one_failure_that_its_result_agrees_with()
        {
            using var connection = OigTestConnections.Demo(emulator);

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.From(new ProvTaskInput { TaskId = "424242", Note = "n" }), CancellationToken.None);

            var failed = StoredFailure(outcome);
            Assert.Equal(ApiFailure.NotFound, failed.Kind);
            Assert.Equal(outcome.Failure, failed.Kind);
            Assert.Equal(outcome.Result.Reason, failed.Reason);
            Assert.NotNull(failed.ResponseBody);
        }

        [Fact]
        public async Task Oig_an_update_that_got_no_answer_keeps_the_exception_it_failed_with()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Oig, Method = "PUT", LatencyMs = 3000, Count = 1 });
            using var connection = OigTestConnections.Demo(emulator, timeout: TimeSpan.FromMilliseconds(500));

            var outcome = await new ProvTaskClient(connection).UpdateOneAsync(ProvTaskUpdate.Create("1006", ProvTaskAction.Retry), CancellationToken.None);

            var failed = StoredFailure(outcome);
            Assert.Equal(ApiFailure.Timeout, Assert.IsType<ApiException>(failed.Cause).Failure);
            Assert.Equal(failed.Cause!.Message, outcome.Result.Reason);
        }

        [Fact]
        public async Task Nerm_a_validation_400_has_one_failure_with_its_field_messages()
        {
            using var connection = NermTestConnections.ApiKey(emulator);

            var outcome = await new WorkflowSessionClient(connection).UpdateAsync(
                NermTestConnections.Update(new WorkflowSessionInput { Id = NermSeedData.ExampleSessionId, RequesterType = "NeaccessRegistrant", Status = "approved" }), CancellationToken.None);

            var failed = StoredFailure(outcome);
            Assert.Equal(ApiFailure.BadRequest, failed.Kind);
            Assert.Equal("requester_type", Assert.Single(failed.FieldErrors).Key);
            Assert.Same(failed.FieldErrors, outcome.FieldErrors);
            Assert.Equal(outcome.Reason, failed.Reason);
        }

        [Fact]
        public async Task Isc_a_failed_edit_has_one_failure_from_its_error()
        {
            emulator.Faults.Add(new FaultRule { Api = ApiNames.Isc, Method = "PATCH", Status = 500, Count = 1 });
            using var connection = IscTestConnections.Demo(emulator);
            var client = new ProvisioningPolicyClient(connection);

            var outcome = await client.ApplyAsync(
                await client.PlanAsync(PolicyEdit.WithChanges(IscSeedData.ExampleSourceId, "CREATE", false, new PolicyChanges().WithDescription("once")), CancellationToken.None),
                CancellationToken.None);

            var failed = StoredFailure(outcome);
            Assert.Equal(outcome.Result.Reason, failed.Reason);
            Assert.Equal(ApiFailure.ServerError, failed.Kind);
            Assert.Equal(outcome.Result.TrackingId, failed.TrackingId);
        }

        /// <summary>The outcome's failure, which must be the same object however often it is read.</summary>
        private static ItemFailure StoredFailure(IItemOutcome outcome)
        {
            var failed = outcome.Failed;
            Assert.NotNull(failed);
            Assert.Same(failed, outcome.Failed);
            return failed!;
        }
    }
}
