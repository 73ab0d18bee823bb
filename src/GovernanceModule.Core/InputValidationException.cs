using System;

namespace GovernanceModule.Core
{
    /// <summary>
    /// Input that cannot be sent. Raised before any request, with a message that says what is wrong and what would be
    /// valid; the caller names the input (a CSV row) in front of it with <see cref="ForInput"/>.
    /// </summary>
    public sealed class InputValidationException : Exception
    {
        public InputValidationException(string parameterName, string message)
            : this(parameterName, null, message)
        {
        }

        /// <param name="subject">What the input is about once that is known, such as "task 3009".</param>
        public InputValidationException(string parameterName, string? subject, string message)
            : base(message)
        {
            ParameterName = parameterName;
            Subject = subject;
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

        /// <summary>What the input is about, such as "task 3009"; null when the input does not say (its id is missing).</summary>
        public string? Subject { get; }

        /// <summary>
        /// The same error with the input named in front: "Row 2 (task 3009): unknown action …" for
        /// <paramref name="input"/> "Row 2"; with no input label (a value typed on the command line), only what it is
        /// about: "task 3009: unknown action …".
        /// </summary>
        public InputValidationException ForInput(string? input)
        {
            var name = input == null ? Subject : Subject == null ? input : input + " (" + Subject + ")";
            return name == null ? this : new InputValidationException(ParameterName, Subject, name + ": " + Message);
        }
    }
}
