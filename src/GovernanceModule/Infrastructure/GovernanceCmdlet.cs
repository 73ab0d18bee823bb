using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using GovernanceModule.Core;
using GovernanceModule.Core.Bulk;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;

namespace GovernanceModule.Infrastructure
{
    /// <summary>
    /// What every cmdlet of the module shares: one cancellation token per invocation, cancelled by Ctrl+C, and the
    /// one place where Core's async work is waited for on the pipeline thread while its trace is written out.
    /// A stopped run accounts for every input it read: through the host UI (the engine refuses every Write* once a
    /// pipeline is stopping), and as the global variable <see cref="StopReportVariable"/> for hosts without a console.
    /// </summary>
    public abstract class GovernanceCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>The global variable that holds the account of the last stopped change command.</summary>
        public const string StopReportVariable = "GovernanceStopReport";

        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly PipelineTrace trace = new PipelineTrace();
        private bool stopReported;

        /// <summary>Why the run ended before its input did, when it was not Ctrl+C.</summary>
        private string? earlyEnd;
        private bool verboseWanted;
        private bool warningWanted = true;

        internal IApiTrace Trace => trace;

        /// <summary>Whether -Verbose (or $VerbosePreference) shows verbose lines for this run.</summary>
        protected bool VerboseWanted => verboseWanted;

        /// <summary>What became of each input; change cmdlets count into it, and it is written out when the run is stopped.</summary>
        protected RunLedger Ledger { get; } = new RunLedger();

        /// <summary>How inputs are named in messages: "Row N" for pipeline input, else "Input".</summary>
        protected string RowLabel(int row) => MyInvocation.ExpectingInput ? "Row " + row : "Input";

        /// <summary>
        /// Reads -Verbose and -WarningAction (or the preference variables) while they can still be read, since a
        /// stopped run writes its account through the host, past the streams that would otherwise apply them.
        /// </summary>
        protected override void BeginProcessing()
        {
            verboseWanted = MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)
                ? ((SwitchParameter)verbose).IsPresent
                : Shows(GetVariableValue("VerbosePreference"), ActionPreference.SilentlyContinue);
            warningWanted = Shows(
                MyInvocation.BoundParameters.TryGetValue("WarningAction", out var warningAction) ? warningAction : GetVariableValue("WarningPreference"),
                ActionPreference.Continue);
        }

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Whether Ctrl+C (or the host's Stop) came.</summary>
        protected bool StopRequested => stopping.IsCancellationRequested;

        /// <summary>Accounts for every input of a run that ends before its input, for another reason than Ctrl+C.</summary>
        protected void ReportEarlyEnd(string why)
        {
            earlyEnd = earlyEnd ?? why;
            ReportStop(null);
        }

        /// <summary>Called last while the command is disposed, after a stop was accounted for.</summary>
        protected virtual void OnDisposing()
        {
        }

        /// <summary>Runs Core's work to its end, writing its -Verbose and -Debug lines as they come.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work)
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
            catch (OperationCanceledException ex) when (stopping.IsCancellationRequested)
            {
                throw Stopped(ex);
            }
        }

        /// <summary>Accounts for every input of the stopped run and returns the exception that ends it.</summary>
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
        /// PowerShell disposes a command however its run ends, on the pipeline thread. A stop that came while no
        /// request was running (between inputs, or while a result was being written) is accounted for here.
        /// </summary>
        public void Dispose()
        {
            try
            {
                if (stopping.IsCancellationRequested || Stopping)
                {
                    ReportStop(null);
                }
            }
            finally
            {
                OnDisposing();
                stopping.Dispose();
            }
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

            FlushTrace();
            var report = Ledger.Report(MyInvocation.MyCommand.Name, earlyEnd, "$" + StopReportVariable);
            SessionState.PSVariable.Set("global:" + StopReportVariable, report);
            if (verboseWanted)
            {
                foreach (var line in report.Lines)
                {
                    ToHost(ui => ui.WriteVerboseLine(line));
                }
            }

            if (warningWanted && report.Warning != null)
            {
                ToHost(ui => ui.WriteWarningLine(report.Warning));
            }
        }

        /// <summary>Writes -Verbose and -Debug lines; once the pipeline is stopping, the -Verbose ones go to the host.</summary>
        protected void FlushTrace()
        {
            while (trace.TryTake(out var message))
            {
                if (!Stopping && !stopReported)
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

        /// <summary>Writes to the host's console, where there is one; API hosts without a UI read <see cref="StopReportVariable"/>.</summary>
        private void ToHost(Action<PSHostUserInterface> write)
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

        private static bool Shows(object? preference, ActionPreference whenUnset)
        {
            var value = preference is ActionPreference given ? given
                : preference != null && Enum.TryParse(preference.ToString(), true, out ActionPreference parsed) ? parsed
                : whenUnset;
            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        /// <summary>
        /// The connection to use: -Connection, else the runspace's current one. A missing or closed connection stops
        /// the command, since no input could be sent.
        /// </summary>
        protected T ResolveConnection<T>(T? given, ApiName api)
            where T : class, IApiConnection
        {
            var connection = given ?? ConnectionStore.Current.Get<T>();
            if (connection == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("There is no " + api.Display + " connection. Run " + api.ConnectExample + ", or pass -Connection."),
                    api.ErrorIdPrefix + "NotConnected",
                    ErrorCategory.ConnectionError,
                    null));
            }

            if (connection!.IsClosed)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("This " + api.Display + " connection to " + connection.Uri.Authority + " was closed with " + api.DisconnectCommand + ". Run " + api.ConnectCommand + " again."),
                    api.ErrorIdPrefix + "ConnectionClosed",
                    ErrorCategory.ConnectionError,
                    connection));
            }

            return connection;
        }
    }
}
