using System.IO;
using System.Management.Automation;
using GovernanceModule.Core.Journal;
using GovernanceModule.Infrastructure;

namespace GovernanceModule.Commands
{
    /// <summary>
    /// Reads the journal of a change run (-JournalPath), also of a run that was killed: one entry per input, in row
    /// order, with its state, its error if any, and the input itself. Reading changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GovernanceJournal")]
    [OutputType(typeof(JournalEntry))]
    public sealed class GetGovernanceJournalCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "JournalPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(path))
            {
                WriteError(ErrorRecords.JournalNotFound(path, Path));
                return;
            }

            try
            {
                foreach (var entry in JournalFile.ReadEntries(path, JsonValues.ToPowerShell))
                {
                    WriteObject(entry);
                }
            }
            catch (JournalException ex)
            {
                WriteError(ErrorRecords.Journal(ex, Path));
            }
        }
    }
}
