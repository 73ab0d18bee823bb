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

        /// <summary>
        /// The input error for a refused argument, with its message as written: without the " (Parameter 'serverUri')"
        /// that .NET appends, which names a C# parameter, not the cmdlet's.
        /// </summary>
        public static InputValidationException From(ArgumentException ex, string parameterName)
        {
            var message = ex.Message;
            if (ex.ParamName != null)
            {
                // The suffix as this runtime writes it (" (Parameter 'x')" on .NET, a new line and "Parameter name: x" on .NET Framework).
                var suffix = new ArgumentException(string.Empty, ex.ParamName).Message;
                if (suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal))
                {
                    message = message.Substring(0, message.Length - suffix.Length);
                }
            }

            return new InputValidationException(parameterName, message);
        }

        /// <summary>The cmdlet parameter (or CSV column) at fault.</summary>
        public string ParameterName { get; }
    }
}
