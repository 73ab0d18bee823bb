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

            var opText = members.TryGetValue("op", out var opValue) ? opValue as string : null;
            var op = Ops.FirstOrDefault(o => string.Equals(o, opText, StringComparison.OrdinalIgnoreCase));
            if (op == null)
            {
                throw Invalid(label + ": op " + (opText == null ? "is missing" : "'" + opText + "' is not valid") + "; use one of " + string.Join(", ", Ops) + ".");
            }

            var path = members.TryGetValue("path", out var pathValue) ? pathValue as string : null;
            if (path == null || !IsPointer(path))
            {
                throw Invalid(label + " (" + op + "): path must be a JSON Pointer such as /description or /fields/0/name (\"\" is the whole policy); got " + Show(pathValue) + ".");
            }

            JToken? value = null;
            if (op == "add" || op == "replace" || op == "test")
            {
                if (!members.TryGetValue("value", out var raw))
                {
                    throw Invalid(label + " (" + op + " " + path + ") needs a value.");
                }

                value = IscJson.FromPlain(raw);
            }

            string? from = null;
            if (op == "move" || op == "copy")
            {
                from = members.TryGetValue("from", out var fromValue) ? fromValue as string : null;
                if (from == null || !IsPointer(from))
                {
                    throw Invalid(label + " (" + op + " " + path + ") needs from, a JSON Pointer such as /fields/1; got " + Show(fromValue) + ".");
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

        private static string Show(object? value) => value == null ? "nothing" : "'" + value + "'";

        private static InputValidationException Invalid(string message) => new InputValidationException("Operation", message);
    }
}
