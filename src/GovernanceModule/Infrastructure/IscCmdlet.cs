using System;
using System.Management.Automation;
using GovernanceModule.Core;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;

namespace GovernanceModule.Infrastructure
{
    /// <summary>A cmdlet that talks to ISC: -Connection, else the runspace's current connection from Connect-IscTenant.</summary>
    public abstract class IscCmdlet : GovernanceCmdlet
    {
        /// <summary>The ISC connection to use; by default the one the last Connect-IscTenant made.</summary>
        [Parameter]
        [ValidateNotNull]
        public IscConnection? Connection { get; set; }

        protected IscConnection ActiveConnection { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            ActiveConnection = ResolveConnection(Connection, ApiName.Isc);
        }

        /// <summary>Writes a failed request as a non-terminating error, its trackingId in ErrorDetails; a 401 stops the command.</summary>
        protected void WriteApiError(ApiException ex, string errorId, object? target)
        {
            if (ex.IsTerminating)
            {
                ThrowTerminating(ex, "IscAuthenticationFailed", ActiveConnection.Uri);
                return;
            }

            WriteError(IscErrorRecord(ex, errorId + ex.Failure, ErrorMapping.CategoryFor(ex.Failure), target));
        }

        protected static ErrorRecord IscErrorRecord(Exception ex, string errorId, ErrorCategory category, object? target)
        {
            var record = new ErrorRecord(ex, errorId, category, target);
            if (ex is IscApiException isc && isc.TrackingId != null)
            {
                record.ErrorDetails = new ErrorDetails(ex.Message + " (trackingId " + isc.TrackingId + ")")
                {
                    RecommendedAction = "Quote trackingId " + isc.TrackingId + " if you open a SailPoint support case.",
                };
            }

            return record;
        }

        /// <summary>
        /// Validates before any request; on failure writes an error naming the input and returns false.
        /// <paramref name="row"/> ("Row 3" for pipeline input) starts the message when given.
        /// </summary>
        protected bool TryValidate(Action validate, object? target, string errorId, string? row = null)
        {
            try
            {
                validate();
                return true;
            }
            catch (InputValidationException ex)
            {
                WriteInvalidInput(ForRow(ex, row), target, errorId);
                return false;
            }
        }

        /// <summary>Core's ISC messages name the parameter; from a CSV the user needs the row too.</summary>
        protected static InputValidationException ForRow(InputValidationException ex, string? row) =>
            row == null ? ex : new InputValidationException(ex.ParameterName, row + ": " + ex.Message);
    }

    /// <summary>The 16 documented usage types; others pass only with -AllowUndocumentedUsageType (checked by Core).</summary>
    public sealed class UsageTypeCompleter : ListCompleter
    {
        public UsageTypeCompleter()
            : base(UsageTypes.Documented)
        {
        }
    }
}
