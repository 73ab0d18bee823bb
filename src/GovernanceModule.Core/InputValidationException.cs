using System;

namespace GovernanceModule.Core
{
    /// <summary>Input that cannot be sent. Raised before any request, with a message that names the row and what would be valid.</summary>
    public sealed class InputValidationException : Exception
    {
        public InputValidationException(string parameterName, string message)
            : base(message)
        {
            ParameterName = parameterName;
        }

        /// <summary>The cmdlet parameter (or CSV column) at fault.</summary>
        public string ParameterName { get; }
    }
}
