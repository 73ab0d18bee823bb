using System;
using System.Collections.Generic;
using System.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// What run a journal belongs to: the command, the parameters given on its command line (never a credential),
    /// the server and the module version. A journal is resumed only by the same command, parameters and server.
    /// </summary>
    public sealed class JournalHeader
    {
        public JournalHeader(string command, IReadOnlyDictionary<string, string> parameters, Uri connection, string moduleVersion)
        {
            Command = command ?? throw new ArgumentNullException(nameof(command));
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            ModuleVersion = moduleVersion ?? throw new ArgumentNullException(nameof(moduleVersion));
        }

        public string Command { get; }

        /// <summary>Command-line parameters that shape every change, by name, as text.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }

        /// <summary>The server's URI without user information: a URI never carries a secret into the journal.</summary>
        public Uri Connection { get; }

        public string ModuleVersion { get; }

        /// <summary>How this run differs from the run that wrote <paramref name="journal"/>, or null when it does not.</summary>
        public string? DifferenceFrom(JournalHeader journal)
        {
            if (!string.Equals(Command, journal.Command, StringComparison.OrdinalIgnoreCase))
            {
                return "it was written by " + journal.Command + ", not " + Command;
            }

            if (!string.Equals(Connection.AbsoluteUri.TrimEnd('/'), journal.Connection.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return "it was written for the server " + journal.Connection.AbsoluteUri + ", not " + Connection.AbsoluteUri;
            }

            var names = Parameters.Keys.Union(journal.Parameters.Keys, StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                var now = Lookup(Parameters, name);
                var then = Lookup(journal.Parameters, name);
                if (!string.Equals(now, then, StringComparison.Ordinal))
                {
                    return "it was written with " + Describe(name, then) + ", this run has " + Describe(name, now);
                }
            }

            return null;
        }

        private static string? Lookup(IReadOnlyDictionary<string, string> parameters, string name) =>
            parameters.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault();

        private static string Describe(string name, string? value) => value == null ? "no -" + name : "-" + name + " " + value;
    }
}
