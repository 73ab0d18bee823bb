using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using GovernanceModule.Core.Http;
using GovernanceModule.Core.Isc;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Core.Oig;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace GovernanceModule.Core.Tests.Hygiene
{
    /// <summary>
    /// Everything a user could see of a run, each piece labelled with where it came from: every -Verbose and -Debug
    /// line (it is the trace handed to the clients), every exception's Message, ToString() and ResponseBody with its
    /// inner exceptions, every result serialized with all its public properties, and connections as ToString() and
    /// as their public properties (what Format-List * shows). <see cref="Hits"/> scans it for secrets.
    /// </summary>
    internal sealed class Exposure : IApiTrace
    {
        private static readonly JsonSerializerSettings Everything = new JsonSerializerSettings
        {
            ContractResolver = new PublicPropertiesResolver(),
            ReferenceLoopHandling = ReferenceLoopHandling.Ignore,
            MaxDepth = 12,
            Formatting = Formatting.Indented,
            Error = (sender, args) => args.ErrorContext.Handled = true,
        };

        private readonly ConcurrentQueue<(string Where, string Text)> pieces = new ConcurrentQueue<(string, string)>();

        /// <summary>The label put in front of what is added next, such as "OIG wrong password / bulk PUT".</summary>
        public string Scenario { get; set; } = string.Empty;

        public int Count => pieces.Count;

        private int verboseLines;
        private int debugLines;

        public int VerboseLines => verboseLines;

        public int DebugLines => debugLines;

        public void Verbose(string message)
        {
            System.Threading.Interlocked.Increment(ref verboseLines);
            Add("Verbose", message);
        }

        public void Debug(string message)
        {
            System.Threading.Interlocked.Increment(ref debugLines);
            Add("Debug", message);
        }

        public void Add(string where, string? text)
        {
            if (!string.IsNullOrEmpty(text))
            {
                pieces.Enqueue((Scenario + " / " + where, text!));
            }
        }

        public void AddException(string where, Exception ex)
        {
            var depth = 0;
            for (var current = ex; current != null && depth < 10; current = current.InnerException, depth++)
            {
                var label = where + (depth == 0 ? string.Empty : " inner " + depth) + " " + current.GetType().Name;
                Add(label + ".Message", current.Message);
                Add(label + ".ToString()", current.ToString());
                if (current is ApiException api)
                {
                    Add(label + ".ResponseBody", api.ResponseBody);
                }
            }

            AddObject(where + " serialized", ex);
        }

        /// <summary>The value with all its public properties, as Newtonsoft writes them, and its ToString().</summary>
        public void AddObject(string where, object? value)
        {
            if (value == null)
            {
                return;
            }

            Add(where + ".ToString()", value.ToString());
            string json;
            try
            {
                json = JsonConvert.SerializeObject(value, Everything);
            }
            catch (Exception ex)
            {
                json = "(not serializable: " + ex.Message + ")";
            }

            Add(where + " as JSON", json);
        }

        /// <summary>What a user sees of a connection: its ToString() and every public property.</summary>
        public void AddConnection(string where, object connection) => AddObject(where, connection);

        /// <summary>"secret 'OIG password' in OIG 401 / exception.Message: …" for every piece holding a secret; empty when none does.</summary>
        public IReadOnlyList<string> Hits(IEnumerable<KeyValuePair<string, string>> secrets)
        {
            var hits = new List<string>();
            var all = pieces.ToArray();
            foreach (var secret in secrets)
            {
                if (string.IsNullOrEmpty(secret.Value))
                {
                    continue;
                }

                foreach (var piece in all)
                {
                    var at = piece.Text.IndexOf(secret.Value, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        var start = Math.Max(0, at - 60);
                        var context = piece.Text.Substring(start, Math.Min(piece.Text.Length - start, 60 + secret.Value.Length + 60)).Replace(secret.Value, "<" + secret.Key + ">");
                        hits.Add("secret '" + secret.Key + "' in " + piece.Where + ": …" + context + "…");
                    }
                }
            }

            return hits;
        }

        /// <summary>The failure kinds a result or an exception reports; empty for a success.</summary>
        public static IReadOnlyList<ApiFailure> FailuresOf(object? result)
        {
            switch (result)
            {
                case null:
                    return Array.Empty<ApiFailure>();
                case ApiException api:
                    return new[] { api.Failure };
                case ProvTaskOutcome oig:
                    return oig.Failure is ApiFailure f1 ? new[] { f1 } : Array.Empty<ApiFailure>();
                case WorkflowSessionOutcome nerm:
                    return nerm.Failure is ApiFailure f2 ? new[] { f2 } : Array.Empty<ApiFailure>();
                case ProvisioningPolicyOutcome isc:
                    return isc.Failure is ApiFailure failure ? new[] { failure } : Array.Empty<ApiFailure>();
                case string _:
                    return Array.Empty<ApiFailure>();
                case IEnumerable many:
                    return many.Cast<object?>().SelectMany(FailuresOf).Distinct().ToList();
                default:
                    return Array.Empty<ApiFailure>();
            }
        }

        /// <summary>Public properties only (no ISerializable, no private fields), skipping reflection and threading plumbing.</summary>
        private sealed class PublicPropertiesResolver : DefaultContractResolver
        {
            public PublicPropertiesResolver()
            {
                IgnoreSerializableInterface = true;
                IgnoreSerializableAttribute = true;
            }

            protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
            {
                var properties = base.CreateProperties(type, MemberSerialization.OptOut);
                foreach (var property in properties)
                {
                    var propertyType = property.PropertyType ?? typeof(object);
                    if (typeof(MemberInfo).IsAssignableFrom(propertyType)
                        || typeof(Assembly).IsAssignableFrom(propertyType)
                        || typeof(Delegate).IsAssignableFrom(propertyType)
                        || typeof(System.Threading.WaitHandle).IsAssignableFrom(propertyType)
                        || typeof(System.Threading.Tasks.Task).IsAssignableFrom(propertyType)
                        || propertyType == typeof(System.Threading.CancellationToken)
                        || property.PropertyName == "StackTrace")
                    {
                        property.Ignored = true;
                    }
                }

                return properties;
            }
        }

        /// <summary>The forms a secret could take in text: as it is, URL-encoded (a form body), and JSON-escaped.</summary>
        public static IEnumerable<KeyValuePair<string, string>> Forms(string name, string value)
        {
            yield return new KeyValuePair<string, string>(name, value);
            var escaped = Uri.EscapeDataString(value);
            if (escaped != value)
            {
                yield return new KeyValuePair<string, string>(name + " (URL-encoded)", escaped);
            }

            var json = JsonConvert.ToString(value).Trim('"');
            if (json != value)
            {
                yield return new KeyValuePair<string, string>(name + " (JSON-escaped)", json);
            }
        }

        public static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }
}
