using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// What every cmdlet of the module shares: one cancellation token per invocation, cancelled by Ctrl+C, and the
    /// one place where Core's async work is waited for on the pipeline thread while its trace is written out.
    /// </summary>
    public abstract class GovernanceCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly PipelineTrace trace = new PipelineTrace();
        private bool verboseWanted;
        private bool streamsClosed;

        internal IApiTrace Trace => trace;

        /// <summary>Whether -Verbose (or $VerbosePreference) shows verbose lines for this run.</summary>
        protected internal bool VerboseWanted => verboseWanted;

        /// <summary>Whether Ctrl+C stopped this run, in Core's work or in the engine.</summary>
        protected bool StopRequested => stopping.IsCancellationRequested || Stopping;

        /// <summary>
        /// Reads -Verbose (or the preference variable) while it can still be read, since the trace of a stopped run
        /// goes to the host, past the streams that would otherwise apply it.
        /// </summary>
        protected override void BeginProcessing()
        {
            verboseWanted = MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)
                ? ((SwitchParameter)verbose).IsPresent
                : Shows(GetVariableValue("VerbosePreference"), ActionPreference.SilentlyContinue);
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Waits for Core's work to end, writing its -Verbose and -Debug lines as they come.</summary>
        protected T WaitFor<T>(Func<CancellationToken, Task<T>> work)
        {
            var task = work(stopping.Token);

            // Most calls are done at once (an input only joins a batch); a wait handle is made only for one that is not.
            while (!task.IsCompleted && !((IAsyncResult)task).AsyncWaitHandle.WaitOne(20))
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
                throw Stopped();
            }
        }

        /// <summary>The exception that ends a run Ctrl+C stopped while Core was working.</summary>
        protected virtual PipelineStoppedException Stopped() => new PipelineStoppedException();

        /// <summary>From now on the trace goes to the host only: the engine refuses every Write* once a pipeline is stopping.</summary>
        protected void CloseStreams() => streamsClosed = true;

        /// <summary>PowerShell disposes a command however its run ends, on the pipeline thread.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                stopping.Dispose();
            }
        }

        /// <summary>Writes -Verbose and -Debug lines; once the pipeline is stopping, the -Verbose ones go to the host.</summary>
        protected internal void FlushTrace()
        {
            while (trace.TryTake(out var message))
            {
                if (!Stopping && !streamsClosed)
                {
                    try
                    {
                        if (message.IsDebug)
                        {
                            WriteDebug(message.Text);
                        }
                        else
                        {
                            WriteVerbose(message.Text);
                        }

                        continue;
                    }
                    catch (PipelineStoppedException)
                    {
                        // The stop came between the check and the write.
                    }
                }

                if (!message.IsDebug && verboseWanted)
                {
                    ToHost(ui => ui.WriteVerboseLine(message.Text));
                }
            }
        }

        /// <summary>Writes to the host's console, where there is one; API hosts without a UI get nothing.</summary>
        protected internal void ToHost(Action<PSHostUserInterface> write)
        {
            try
            {
                if (Host?.UI != null)
                {
                    write(Host.UI);
                }
            }
            catch (Exception ex) when (ex is HostException || ex is NotImplementedException || ex is PipelineStoppedException || ex is InvalidOperationException)
            {
                // No console to write to.
            }
        }

        /// <summary>Whether a preference (an ActionPreference or its name) shows its stream; <paramref name="whenUnset"/> when it is not set.</summary>
        protected internal static bool Shows(object? preference, ActionPreference whenUnset)
        {
            var value = preference is ActionPreference given ? given
                : preference != null && Enum.TryParse(preference.ToString(), true, out ActionPreference parsed) ? parsed
                : whenUnset;
            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }
    }
}
