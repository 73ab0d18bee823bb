using System.Collections.Generic;
using System.Management.Automation;
using Newtonsoft.Json;

namespace GovernanceModule.Infrastructure
{
    /// <summary>PowerShell values from the inputs a journal kept (Get-GovernanceJournal's Input): objects become PSCustomObjects, so that they format and export like the CSV rows they were.</summary>
    internal static class JsonValues
    {
        /// <summary>
        /// The value a reader is on, built straight from the reader (no JSON tree between: a journal holds one per
        /// row), which is left on the value's last token. Objects become PSCustomObjects, arrays object arrays, and
        /// other values stay as read.
        /// </summary>
        public static object? ToPowerShell(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonToken.StartObject:
                    var result = new PSObject();
                    var properties = result.Properties;
                    while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                    {
                        var name = (string)reader.Value!;
                        reader.Read();

                        // The names of a JSON object's members differ from one another and from a new object's: the check for a clash would find none.
                        properties.Add(new PSNoteProperty(name, ToPowerShell(reader)), preValidated: true);
                    }

                    return result;
                case JsonToken.StartArray:
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                    {
                        items.Add(ToPowerShell(reader));
                    }

                    return items.ToArray();
                default:
                    return reader.Value;
            }
        }
    }
}
