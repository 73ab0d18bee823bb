using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using GovernanceModule.Core.Results;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// A result as a journal records it: its public properties, enums by name and values exported as text
    /// (<see cref="IExportedAsText"/>) as that text, so that written again it reads and exports as it did the first
    /// time. Read back, it is an object of its own type again, made by the type's [JsonConstructor] from those
    /// properties; only the module's own results (<see cref="INumberedResult"/>) are read, never a type a file names.
    /// </summary>
    internal static class RecordedResult
    {
        /// <summary>Writes members that are not single values, as <see cref="Write"/> writes single values.</summary>
        private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { Converters = { new StringEnumConverter(), new ExportedAsText() } });

        /// <summary>The types a recorded result may have, by the full name the record gives, with how each is read.</summary>
        private static readonly Dictionary<string, Reading> Readable = typeof(INumberedResult).Assembly.GetTypes()
            .Where(t => typeof(INumberedResult).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract)
            .ToDictionary(t => t.FullName!, t => new Reading(t), StringComparer.Ordinal);

        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesOf = new ConcurrentDictionary<Type, PropertyInfo[]>();

        /// <summary>
        /// Writes a result's public properties, as the serializer would: results are records of single values, which
        /// are written directly; anything else goes through the serializer. Most of the serializer's work per result
        /// was finding out, again, what kind of member each property is, and its code is slow until the runtime
        /// optimizes it, which a run of a few thousand rows does not wait for.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static void Write(RecordWriter writer, object result)
        {
            writer.StartObject();
            foreach (var property in PropertiesOf.GetOrAdd(result.GetType(), ReadableProperties))
            {
                writer.Name(property.Name);
                switch (ValueOf(property, result))
                {
                    case null:
                        writer.Value((string?)null);
                        break;
                    case string text:
                        writer.Value(text);
                        break;
                    case bool flag:
                        writer.Value(flag);
                        break;
                    case int number:
                        writer.Value(number);
                        break;
                    case long number:
                        writer.Value(number);
                        break;
                    case Enum name:
                        writer.Value(name.ToString());
                        break;
                    case IExportedAsText exported:
                        writer.Value(exported.ToString());
                        break;
                    case object other:
                        var json = new StringWriter(CultureInfo.InvariantCulture);
                        Serializer.Serialize(json, other);
                        writer.Json(json.ToString());
                        break;
                }
            }

            writer.EndObject();
        }

        /// <summary>
        /// The result of type <paramref name="typeName"/> a reader is on, which is left on the result's end. Throws
        /// <see cref="JsonException"/> for a type that is not one of the module's results, and for a result that
        /// cannot be read as one.
        /// </summary>
        public static INumberedResult Read(JsonReader reader, string? typeName)
        {
            if (typeName == null || !Readable.TryGetValue(typeName, out var reading))
            {
                throw new JsonSerializationException("The result's type " + (typeName ?? "(none)") + " is not one of the results this module writes.");
            }

            try
            {
                return reading.Read(reader);
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                // A constructor that refused a recorded value (text that is not a map, say).
                throw new JsonSerializationException("The result cannot be read as a " + typeName + ": " + ex.InnerException.Message, ex.InnerException);
            }
        }

        private static object? ValueOf(PropertyInfo property, object result)
        {
            try
            {
                return property.GetValue(result);
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw new JsonSerializationException("Error getting value from '" + property.Name + "' on '" + result.GetType() + "': " + ex.InnerException.Message, ex.InnerException);
            }
        }

        private static PropertyInfo[] ReadableProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();

        /// <summary>
        /// How a result type is read: the record's members by name into its [JsonConstructor]'s parameters, named as
        /// the properties they set; Row is set on the result made.
        /// </summary>
        private sealed class Reading
        {
            private readonly ConstructorInfo constructor;
            private readonly Type[] types;
            private readonly Dictionary<string, int> positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

            public Reading(Type type)
            {
                constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).SingleOrDefault(c => c.IsDefined(typeof(JsonConstructorAttribute)))
                    ?? throw new InvalidOperationException(type + " has no [JsonConstructor]: a journal could not read it back.");
                var parameters = constructor.GetParameters();
                types = parameters.Select(p => p.ParameterType).ToArray();
                for (var i = 0; i < parameters.Length; i++)
                {
                    positions.Add(parameters[i].Name!, i);
                }
            }

            public INumberedResult Read(JsonReader reader)
            {
                var values = new object?[types.Length];
                var row = 0;
                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    reader.Read();
                    if (positions.TryGetValue(name, out var position))
                    {
                        values[position] = ValueOf(reader, types[position], name);
                    }
                    else if (name == nameof(INumberedResult.Row) && reader.Value is long number)
                    {
                        row = (int)number;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                var result = (INumberedResult)constructor.Invoke(values);
                result.Row = row;
                return result;
            }

            /// <summary>A recorded value of the parameter's type: null, text, a flag, or an enum by name.</summary>
            private static object? ValueOf(JsonReader reader, Type type, string name)
            {
                var value = reader.Value;
                if (reader.TokenType == JsonToken.Null || type.IsInstanceOfType(value))
                {
                    return value;
                }

                if (type.IsEnum && value is string text && Enum.IsDefined(type, text))
                {
                    return Enum.Parse(type, text);
                }

                throw new JsonSerializationException(name + " is not a " + type.Name + ": " + (value ?? reader.TokenType));
            }
        }

        private sealed class ExportedAsText : JsonConverter
        {
            public override bool CanRead => false;

            public override bool CanConvert(Type objectType) => typeof(IExportedAsText).IsAssignableFrom(objectType);

            public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => writer.WriteValue(value?.ToString());

            public override object ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
                throw new NotSupportedException();
        }
    }
}
