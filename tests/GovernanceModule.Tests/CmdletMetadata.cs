using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace GovernanceModule.Tests
{
    /// <summary>
    /// Reads cmdlet declarations from metadata. The System.Management.Automation available here is a stub whose
    /// attribute instances come back empty, so everything is read through GetCustomAttributesData.
    /// </summary>
    internal static class CmdletMetadata
    {
        public static readonly Assembly Module = typeof(GovernanceModule.Commands.SetProvTaskCommand).Assembly;

        public static IEnumerable<Type> CmdletTypes =>
            Module.GetTypes().Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t) && Attribute(t, typeof(CmdletAttribute)) != null);

        public static string NameOf(Type cmdlet)
        {
            var data = Attribute(cmdlet, typeof(CmdletAttribute))!;
            return (string)data.ConstructorArguments[0].Value! + "-" + (string)data.ConstructorArguments[1].Value!;
        }

        public static string VerbOf(Type cmdlet) => (string)Attribute(cmdlet, typeof(CmdletAttribute))!.ConstructorArguments[0].Value!;

        public static Type ByName(string name) => CmdletTypes.Single(t => NameOf(t) == name);

        public static CustomAttributeData? Attribute(MemberInfo member, Type attributeType) =>
            member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == attributeType);

        public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, Type attributeType) =>
            member.GetCustomAttributesData().Where(a => a.AttributeType == attributeType);

        public static T? Named<T>(CustomAttributeData data, string name)
        {
            var matches = data.NamedArguments.Where(a => a.MemberName == name).ToList();
            return matches.Count == 0 ? default : (T?)matches[0].TypedValue.Value;
        }

        public static IEnumerable<PropertyInfo> Parameters(Type cmdlet) =>
            cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => Attribute(p, typeof(ParameterAttribute)) != null);

        public static PropertyInfo Parameter(Type cmdlet, string name) => Parameters(cmdlet).Single(p => p.Name == name);

        public static IEnumerable<CustomAttributeData> ParameterAttributes(PropertyInfo parameter) => Attributes(parameter, typeof(ParameterAttribute));

        public static bool ByPropertyName(PropertyInfo parameter) =>
            ParameterAttributes(parameter).Any(a => Named<bool>(a, nameof(ParameterAttribute.ValueFromPipelineByPropertyName)));

        public static bool ByValue(PropertyInfo parameter) =>
            ParameterAttributes(parameter).Any(a => Named<bool>(a, nameof(ParameterAttribute.ValueFromPipeline)));

        public static bool Mandatory(PropertyInfo parameter) =>
            ParameterAttributes(parameter).Any(a => Named<bool>(a, nameof(ParameterAttribute.Mandatory)));

        public static IReadOnlyList<string> Aliases(PropertyInfo parameter)
        {
            var data = Attribute(parameter, typeof(AliasAttribute));
            if (data == null)
            {
                return Array.Empty<string>();
            }

            return ((IEnumerable<CustomAttributeTypedArgument>)data.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).ToList();
        }

        public static IReadOnlyList<Type> OutputTypes(Type cmdlet) =>
            Attributes(cmdlet, typeof(OutputTypeAttribute))
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                .OfType<Type>()
                .ToList();
    }
}
