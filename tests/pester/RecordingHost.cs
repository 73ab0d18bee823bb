using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

// The console of the Pester tests: a host whose UI records what a console would show and, when given an answer,
// answers every prompt with it. C# 5, so that Windows PowerShell 5.1's Add-Type compiles it too.
namespace GovernanceModuleTests
{
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingHostUI ui;
        private readonly Guid id = Guid.NewGuid();
        public RecordingHost() : this(null) { }
        public RecordingHost(string answer) { ui = new RecordingHostUI(answer); }
        public RecordingHostUI Recorder { get { return ui; } }
        public override string Name { get { return "RecordingHost"; } }
        public override Version Version { get { return new Version(1, 0); } }
        public override Guid InstanceId { get { return id; } }
        public override PSHostUserInterface UI { get { return ui; } }
        public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
        public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() { throw new NotSupportedException(); }
        public override void ExitNestedPrompt() { throw new NotSupportedException(); }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class RecordingHostUI : PSHostUserInterface
    {
        private readonly object gate = new object();
        private readonly string answer;
        private readonly List<string> lines = new List<string>();
        private readonly List<string> verbose = new List<string>();
        private readonly List<string> warnings = new List<string>();
        private readonly List<string> prompts = new List<string>();
        public RecordingHostUI(string answer) { this.answer = answer; }
        public string[] Lines { get { lock (gate) { return lines.ToArray(); } } }
        public string[] Verbose { get { lock (gate) { return verbose.ToArray(); } } }
        public string[] Warnings { get { lock (gate) { return warnings.ToArray(); } } }
        public string[] Prompts { get { lock (gate) { return prompts.ToArray(); } } }
        public override PSHostRawUserInterface RawUI { get { return null; } }
        public override string ReadLine() { throw new NotSupportedException(); }
        public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
        public override void Write(string value) { Add(lines, value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Add(lines, value); }
        public override void WriteLine(string value) { Add(lines, value); }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { Add(verbose, message); }
        public override void WriteWarningLine(string message) { Add(warnings, message); }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }

        /// <summary>Picks the choice whose label, without its accelerator, is the answer ("Yes", "Yes to All", "No", ...).</summary>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (answer == null) { throw new NotSupportedException(); }
            Add(prompts, message);
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), answer, StringComparison.OrdinalIgnoreCase)) { return i; }
            }

            throw new InvalidOperationException("No choice named " + answer);
        }

        private void Add(List<string> list, string value) { lock (gate) { list.Add(value); } }
    }
}
