using System.Collections.Generic;
using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Infrastructure
{
    /// <summary>PowerShell values from JSON a journal kept: objects become PSCustomObjects, so that they format and export like the originals.</summary>
    internal static class JsonValues
    {
        public static object? ToPowerShell(JToken? token)
        {
            switch (token)
            {
                case null:
                    return null;
                case JObject obj:
                    var result = new PSObject();
                    foreach (var property in obj.Properties())
                    {
                        // The names of a JSON object's members differ from one another and from a new object's: the check for a clash would find none.
                        result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)), preValidated: true);
                    }

                    return result;
                case JArray array:
                    var items = new List<object?>();
                    foreach (var item in array)
                    {
                        items.Add(ToPowerShell(item));
                    }

                    return items.ToArray();
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString();
            }
        }
    }
}
