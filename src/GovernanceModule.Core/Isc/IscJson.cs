using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// JSON as ISC sends it, without Newtonsoft's guesses (strings that look like dates stay strings), and the
    /// conversions between JSON and the plain values PowerShell users handle: dictionaries, lists and scalars.
    /// </summary>
    public static class IscJson
    {
        public static JToken Parse(string json)
        {
            using (var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal })
            {
                var token = JToken.ReadFrom(reader);
                if (reader.Read() && reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text after the JSON value.");
                }

                return token;
            }
        }

        /// <summary>Objects become ordered dictionaries (in the server's member order), arrays object[], scalars their value.</summary>
        public static object? ToPlain(JToken? token)
        {
            switch (token)
            {
                case null:
                    return null;
                case JObject obj:
                    var dictionary = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var property in obj.Properties())
                    {
                        dictionary[property.Name] = ToPlain(property.Value);
                    }

                    return dictionary;
                case JArray array:
                    return array.Select(ToPlain).ToArray();
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString(Formatting.None);
            }
        }

        /// <summary>The JSON of a plain value: dictionaries (any), lists, strings, numbers, booleans, null, or JSON tokens.</summary>
        public static JToken FromPlain(object? value)
        {
            switch (value)
            {
                case null:
                    return JValue.CreateNull();
                case JToken token:
                    return token.DeepClone();
                case string text:
                    return new JValue(text);
                case IDictionary dictionary:
                    var obj = new JObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        obj[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = FromPlain(entry.Value);
                    }

                    return obj;
                case IEnumerable items:
                    return new JArray(items.Cast<object?>().Select(FromPlain));
                default:
                    return JToken.FromObject(value);
            }
        }

        /// <summary>RFC 6902 §4.6 equality for the client's own checks: numbers by value, object members in any order.</summary>
        public static bool JsonEquals(JToken? left, JToken? right)
        {
            left = NullIfEmpty(left);
            right = NullIfEmpty(right);
            if (IsNumber(left) && IsNumber(right))
            {
                return Convert.ToDecimal(((JValue)left).Value, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDecimal(((JValue)right).Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (left.Type != right.Type)
            {
                return false;
            }

            switch (left)
            {
                case JObject leftObject:
                    var rightObject = (JObject)right;
                    return leftObject.Count == rightObject.Count
                        && leftObject.Properties().All(p => rightObject.TryGetValue(p.Name, StringComparison.Ordinal, out var other) && JsonEquals(p.Value, other));
                case JArray leftArray:
                    var rightArray = (JArray)right;
                    return leftArray.Count == rightArray.Count && leftArray.Zip(rightArray, JsonEquals).All(equal => equal);
                default:
                    return JToken.DeepEquals(left, right);
            }
        }

        /// <summary>A missing token, and a JValue holding a C# null (Newtonsoft types a null string as String), are JSON null.</summary>
        private static JToken NullIfEmpty(JToken? token) =>
            token == null || (token is JValue value && value.Value == null) ? JValue.CreateNull() : token;

        private static bool IsNumber(JToken token) => token.Type == JTokenType.Integer || token.Type == JTokenType.Float;
    }
}
