using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// What every cmdlet of the module shares: one cancellation token per invocation, cancelled by Ctrl+C, and the
    /// one place where Core's async work is waited for on the pipeline thread while its trace is written out.
    /// </summary>
    public abstract class GovernanceCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly PipelineTrace trace = new PipelineTrace();

        internal IApiTrace Trace => trace;

        /// <summary>How inputs are named in messages: "Row N" for pipeline input, else "Input".</summary>
        protected string RowLabel(int row) => MyInvocation.ExpectingInput ? "Row " + row : "Input";

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Runs Core's work to its end, writing its -Verbose and -Debug lines as they come.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var task = work(stopping.Token);
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(20))
            {
                FlushTrace();
            }

            FlushTrace();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void FlushTrace()
        {
            while (trace.TryTake(out var message))
            {
                if (message.IsDebug)
                {
                    WriteDebug(message.Text);
                }
                else
                {
                    WriteVerbose(message.Text);
                }
            }
        }

        protected void WriteInvalidInput(InputValidationException ex, object? target, string errorId) =>
            WriteError(new ErrorRecord(ex, errorId, ErrorCategory.InvalidArgument, target));

        /// <summary>Writes a failed item as a non-terminating error: id prefix + failure kind, such as ProvTaskNotFound.</summary>
        protected void WriteItemError(ApiException ex, string errorIdPrefix, object? target) =>
            WriteError(new ErrorRecord(ex, errorIdPrefix + ex.Failure, ErrorMapping.CategoryFor(ex.Failure), target));

        /// <summary>Stops the whole call: used for failures no later input can avoid, such as refused credentials.</summary>
        protected void ThrowTerminating(ApiException ex, string errorId, object? target) =>
            ThrowTerminatingError(new ErrorRecord(ex, errorId, ErrorMapping.CategoryFor(ex.Failure), target));
    }
}
