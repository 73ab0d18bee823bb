using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// What every cmdlet of the module shares: one cancellation token per invocation, cancelled by Ctrl+C, and the
    /// one place where Core's async work is waited for on the pipeline thread while its trace is written out.
    /// A stopped run accounts for every input it read, with -Verbose.
    /// </summary>
    public abstract class GovernanceCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly PipelineTrace trace = new PipelineTrace();
        private bool stopReported;

        internal IApiTrace Trace => trace;

        /// <summary>What became of each input; change cmdlets count into it, and it is written out when the run is stopped.</summary>
        protected RunLedger Ledger { get; } = new RunLedger();

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
            catch (OperationCanceledException ex) when (stopping.IsCancellationRequested)
            {
                throw Stopped(ex);
            }
        }

        /// <summary>Accounts for every input of the stopped run (-Verbose) and returns the exception that ends it.</summary>
        protected PipelineStoppedException Stopped(OperationCanceledException? cancelled)
        {
            ReportStop(cancelled);
            return new PipelineStoppedException();
        }

        /// <summary>
        /// Records in the ledger the inputs that have no result yet: those of the request <paramref name="cancelled"/>
        /// ended (null when the stop came between requests) and those still queued.
        /// </summary>
        protected virtual void AccountForStop(OperationCanceledException? cancelled)
        {
        }

        /// <summary>
        /// PowerShell disposes a command however its run ends. A stop that came while no request was running (between
        /// inputs) is accounted for here, best effort: only -Verbose and warning lines are written.
        /// </summary>
        public void Dispose()
        {
            if (stopping.IsCancellationRequested)
            {
                ReportStop(null);
            }

            stopping.Dispose();
        }

        private void ReportStop(OperationCanceledException? cancelled)
        {
            if (stopReported)
            {
                return;
            }

            stopReported = true;
            AccountForStop(cancelled);
            if (Ledger.Read == 0)
            {
                return;
            }

            try
            {
                FlushTrace();
                foreach (var line in Ledger.StopReport())
                {
                    WriteVerbose(line);
                }

                var warning = Ledger.UnknownOutcomeWarning();
                if (warning != null)
                {
                    WriteWarning(warning);
                }
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is InvalidOperationException)
            {
                // The host no longer takes output from this command; the stop itself is already reported.
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

        /// <summary>True when a Connect-* check failed so that the connection is of no use: bad credentials, no server, no answer, an untrusted certificate.</summary>
        protected static bool FailsConnection(ApiException ex) =>
            ex.Failure == ApiFailure.Unauthorized || ex.Failure == ApiFailure.Unreachable || ex.Failure == ApiFailure.Timeout || ex.Failure == ApiFailure.CertificateRejected;

        /// <summary>The error id of a failed Connect-* check, such as OigAuthenticationFailed or NermCertificateRejected.</summary>
        protected static string ConnectErrorId(string api, ApiException ex) =>
            api + (ex.Failure == ApiFailure.Unauthorized ? "AuthenticationFailed" : ex.Failure == ApiFailure.CertificateRejected ? "CertificateRejected" : "Unreachable");

        /// <summary>Stops the whole call: used for failures no later input can avoid, such as refused credentials.</summary>
        protected void ThrowTerminating(ApiException ex, string errorId, object? target) =>
            ThrowTerminatingError(new ErrorRecord(ex, errorId, ErrorMapping.CategoryFor(ex.Failure), target));
    }
}
