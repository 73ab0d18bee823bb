using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// One RFC 6902 operation, checked before it is sent: op one of the six, path and from JSON Pointers, value
    /// present for add, replace and test, from present for move and copy.
    /// </summary>
    public sealed class JsonPatchOperation
    {
        public static readonly IReadOnlyList<string> Ops = new[] { "add", "remove", "replace", "move", "copy", "test" };

        private static readonly string[] Members = { "op", "path", "value", "from" };

        private JsonPatchOperation(string op, string path, JToken? value, string? from)
        {
            Op = op;
            Path = path;
            Value = value;
            From = from;
        }

        public string Op { get; }

        public string Path { get; }

        /// <summary>The value of add, replace and test (a JSON null is a JValue, never a C# null); null for the others.</summary>
        public JToken? Value { get; }

        public string? From { get; }

        public bool IsTest => Op == "test";

        public static JsonPatchOperation Add(string path, JToken value) => new JsonPatchOperation("add", path, value, null);

        public static JsonPatchOperation Remove(string path) => new JsonPatchOperation("remove", path, null, null);

        public static JsonPatchOperation Replace(string path, JToken value) => new JsonPatchOperation("replace", path, value, null);

        public static JsonPatchOperation Test(string path, JToken value) => new JsonPatchOperation("test", path, value, null);

        /// <summary>
        /// Reads and checks one operation as the caller gave it: a dictionary (see <see cref="Parse(IDictionary, string)"/>);
        /// anything else (a string, a list, a number) is refused with an example of the expected shape.
        /// </summary>
        public static JsonPatchOperation Parse(object? input, string label)
        {
            if (input is IDictionary dictionary)
            {
                return Parse(dictionary, label);
            }

            throw Invalid(label + " is " + (input == null ? "null" : input is string ? "the text '" + Shorten((string)input) + "'" : input is IEnumerable ? "a list" : "a " + input.GetType().Name)
                + "; an operation is an object with op, path and, as the op needs them, value or from, such as " + Example + ".");
        }

        /// <summary>
        /// Reads and checks one operation given as a dictionary of op, path, value and from (member names in any
        /// case, op too). <paramref name="label"/> names it in errors, such as "Operation 2".
        /// </summary>
        public static JsonPatchOperation Parse(IDictionary input, string label)
        {
            var members = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in input)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                if (!Members.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw Invalid(label + " has a member '" + key + "'; a JSON Patch operation has only op, path, value and from.");
                }

                members[key] = entry.Value;
            }

            var hasOp = members.TryGetValue("op", out var opValue) && opValue != null;
            var opText = opValue as string;
            var op = Ops.FirstOrDefault(o => string.Equals(o, opText?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (op == null)
            {
                var problem = !hasOp ? "is missing" : opText == null ? "is " + Describe(opValue) + ", not a name" : "'" + opText + "' is not valid";
                throw Invalid(label + ": op " + problem + "; use one of " + string.Join(", ", Ops) + ".");
            }

            var path = members.TryGetValue("path", out var pathValue) ? pathValue as string : null;
            if (path == null || !IsPointer(path))
            {
                throw Invalid(label + " (" + op + "): path must be a JSON Pointer such as /description or /fields/0/name (\"\" is the whole policy); got " + Show(pathValue) + ".");
            }

            if (EndsAtAppend(path) && op != "add" && op != "move" && op != "copy")
            {
                throw Invalid(label + " (" + op + " " + path + "): '-' in a JSON Pointer means after the last element, which only add, move and copy can target; name an index such as " + path.Substring(0, path.Length - 1) + "0.");
            }

            JToken? value = null;
            if (op == "add" || op == "replace" || op == "test")
            {
                if (!members.TryGetValue("value", out var raw))
                {
                    throw Invalid(label + " (" + op + " " + path + ") needs a value: add and replace write it, test compares with it; $null is a value. Such as " + Example + ".");
                }

                var notJson = NotJson(raw);
                if (notJson != null)
                {
                    throw Invalid(label + " (" + op + " " + path + "): value holds " + notJson + ", which has no JSON form. Give text, a number, $true/$false, $null, a hashtable or an array of those.");
                }

                value = IscJson.FromPlain(raw);
            }

            string? from = null;
            if (op == "move" || op == "copy")
            {
                from = members.TryGetValue("from", out var fromValue) ? fromValue as string : null;
                if (from == null || !IsPointer(from))
                {
                    throw Invalid(label + " (" + op + " " + path + ") needs from, a JSON Pointer such as /fields/1 (the location to " + op + " from); got " + Show(fromValue) + ".");
                }

                if (EndsAtAppend(from))
                {
                    throw Invalid(label + " (" + op + " " + path + "): from " + from + " names no element ('-' is the position after the last one); name an index such as " + from.Substring(0, from.Length - 1) + "0.");
                }

                if (op == "move" && path.StartsWith(from + "/", StringComparison.Ordinal))
                {
                    throw Invalid(label + ": move cannot put " + from + " inside itself (" + path + ").");
                }
            }

            return new JsonPatchOperation(op, path, value, from);
        }

        /// <summary>RFC 6901: "" or "/"-separated tokens, where '~' is only ever followed by 0 or 1.</summary>
        public static bool IsPointer(string pointer)
        {
            if (pointer.Length == 0)
            {
                return true;
            }

            if (pointer[0] != '/')
            {
                return false;
            }

            for (var i = 0; i < pointer.Length; i++)
            {
                if (pointer[i] == '~' && (i + 1 >= pointer.Length || (pointer[i + 1] != '0' && pointer[i + 1] != '1')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A pointer token for a member name or index: '~' becomes ~0 and '/' becomes ~1.</summary>
        public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

        public JObject ToJson()
        {
            var json = new JObject { ["op"] = Op, ["path"] = Path };
            if (Value != null)
            {
                json["value"] = Value.DeepClone();
            }

            if (From != null)
            {
                json["from"] = From;
            }

            return json;
        }

        public static string ToJson(IEnumerable<JsonPatchOperation> operations) =>
            new JArray(operations.Select(o => o.ToJson())).ToString(Formatting.None);

        public override string ToString() => ToJson().ToString(Formatting.None);

        /// <summary>
        /// Null when the plain value has a JSON form (null, text, booleans, numbers, dates, GUIDs, dictionaries and lists
        /// of those, JSON tokens); else a description of the first part that has none, such as "a DirectoryInfo".
        /// </summary>
        internal static string? NotJson(object? value, int depth = 0)
        {
            if (depth > 64)
            {
                return "nesting deeper than 64 levels";
            }

            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case char _:
                case decimal _:
                case DateTime _:
                case DateTimeOffset _:
                case Guid _:
                case JToken _:
                    return null;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var inner = NotJson(entry.Value, depth + 1);
                        if (inner != null)
                        {
                            return inner;
                        }
                    }

                    return null;
                case IEnumerable items:
                    foreach (var item in items)
                    {
                        var inner = NotJson(item, depth + 1);
                        if (inner != null)
                        {
                            return inner;
                        }
                    }

                    return null;
                default:
                    return value.GetType().IsPrimitive && !(value is IntPtr) && !(value is UIntPtr) ? null : "a " + value.GetType().Name;
            }
        }

        private const string Example = "@{op = 'replace'; path = '/description'; value = 'New'}";

        private static bool EndsAtAppend(string pointer) => pointer == "/-" || pointer.EndsWith("/-", StringComparison.Ordinal);

        private static string Describe(object? value) => value is IEnumerable && !(value is string) ? "a list" : "a " + value!.GetType().Name;

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        private static string Show(object? value) => value == null ? "nothing" : value is string text ? "'" + Shorten(text) + "'" : Describe(value);

        private static InputValidationException Invalid(string message) => new InputValidationException("Operation", message);
    }
}
