using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Text.RegularExpressions;
using GovernanceModule.Core.Connections;
using GovernanceModule.Core.Http;
using Xunit;
using static GovernanceModule.Tests.CmdletMetadata;

namespace GovernanceModule.Tests
{
    /// <summary>
    /// By reflection: no connection object (nor anything reachable from its public properties, nor the
    /// authenticators) exposes a secret as a plain string, and every secret a Connect-* cmdlet or a connection takes
    /// is a SecureString or a PSCredential. What a user sees of a connection (Format-List *) is its public properties.
    /// </summary>
    public sealed class ConnectionSecretTests
    {
        private static readonly Regex SecretName = new Regex("password|secret|token|apikey|api_key|credential|bearer|authorization|passphrase", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Assembly Core = typeof(OigConnection).Assembly;

        private static readonly Type[] Roots =
        {
            typeof(OigConnection),
            typeof(NermConnection),
            typeof(IscConnection),
            typeof(NermConnectionRequest),
            typeof(IscConnectionRequest),
            typeof(BasicAuthenticator),
            typeof(BearerTokenAuthenticator),
            typeof(IscTokenAuthenticator),
        };

        public static IEnumerable<object[]> ReachableTypes() => Reachable().Select(t => new object[] { t.FullName! });

        [Theory]
        [MemberData(nameof(ReachableTypes))]
        public void No_public_member_holds_a_secret_as_plain_text(string typeName)
        {
            var type = Core.GetType(typeName, throwOnError: true)!;
            var offenders = PublicMembers(type)
                .Where(m => SecretName.IsMatch(m.Name) && IsPlainText(TypeOf(m)) && !IsVariableName(m))
                .Select(m => type.Name + "." + m.Name + " (" + TypeOf(m).Name + ")")
                .ToList();

            Assert.True(offenders.Count == 0, "plain-text secrets: " + string.Join(", ", offenders));
        }

        [Fact]
        public void The_connection_graph_is_walked()
        {
            var reachable = Reachable().ToList();

            Assert.Contains(typeof(ApiClient), reachable);
            Assert.Contains(typeof(ApiClientOptions), reachable);
            Assert.True(reachable.Count >= Roots.Length + 2);
        }

        [Theory]
        [InlineData(typeof(OigConnection))]
        [InlineData(typeof(NermConnection))]
        [InlineData(typeof(IscConnection))]
        [InlineData(typeof(BasicAuthenticator))]
        [InlineData(typeof(BearerTokenAuthenticator))]
        [InlineData(typeof(IscTokenAuthenticator))]
        public void Constructors_take_secrets_as_SecureString(Type type)
        {
            var secretParameters = type.GetConstructors()
                .SelectMany(c => c.GetParameters())
                .Where(p => SecretName.IsMatch(p.Name!))
                .ToList();

            Assert.NotEmpty(secretParameters);
            Assert.All(secretParameters, p => Assert.True(p.ParameterType == typeof(SecureString), type.Name + "(" + p.Name + ") is " + p.ParameterType.Name));
        }

        [Theory]
        [InlineData(typeof(OigConnection))]
        [InlineData(typeof(NermConnection))]
        [InlineData(typeof(IscConnection))]
        public void Connections_override_ToString(Type type)
        {
            Assert.Equal(type, type.GetMethod("ToString", Type.EmptyTypes)!.DeclaringType);
        }

        [Theory]
        [InlineData("Connect-OigServer")]
        [InlineData("Connect-NermTenant")]
        [InlineData("Connect-IscTenant")]
        public void Connect_cmdlets_take_secrets_as_SecureString_or_PSCredential(string name)
        {
            var secrets = Parameters(ByName(name)).Where(p => SecretName.IsMatch(p.Name)).ToList();

            Assert.NotEmpty(secrets);
            Assert.All(secrets, p => Assert.True(p.PropertyType == typeof(SecureString) || p.PropertyType == typeof(PSCredential), name + " -" + p.Name + " is " + p.PropertyType.Name));
        }

        [Fact]
        public void Every_cmdlet_that_outputs_a_connection_is_a_Connect_or_Disconnect_cmdlet()
        {
            var connectionTypes = new[] { typeof(OigConnection), typeof(NermConnection), typeof(IscConnection) };
            var writers = CmdletTypes
                .Where(t => Attributes(t, typeof(OutputTypeAttribute)).Any(a => a.ConstructorArguments.Any(arg => MentionsAny(arg, connectionTypes))))
                .Select(NameOf)
                .OrderBy(n => n)
                .ToList();

            Assert.Equal(new[] { "Connect-IscTenant", "Connect-NermTenant", "Connect-OigServer", "Disconnect-IscTenant", "Disconnect-NermTenant", "Disconnect-OigServer" }, writers);
        }

        /// <summary>The roots and every type of the Core assembly reachable through their public properties and fields.</summary>
        private static IEnumerable<Type> Reachable()
        {
            var seen = new HashSet<Type>();
            var queue = new Queue<Type>(Roots);
            while (queue.Count > 0)
            {
                var type = queue.Dequeue();
                if (!seen.Add(type))
                {
                    continue;
                }

                foreach (var member in PublicMembers(type))
                {
                    foreach (var next in Constituents(TypeOf(member)).Where(t => t.Assembly == Core && !t.IsEnum && !seen.Contains(t)))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            return seen.OrderBy(t => t.FullName, StringComparer.Ordinal);
        }

        private static IEnumerable<MemberInfo> PublicMembers(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(p => p.GetIndexParameters().Length == 0).Cast<MemberInfo>()
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static));

        private static Type TypeOf(MemberInfo member) => member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;

        /// <summary>The type and its generic arguments and element type: IDictionary&lt;string, string&gt; holds strings.</summary>
        private static IEnumerable<Type> Constituents(Type type)
        {
            yield return type;
            if (type.HasElementType)
            {
                foreach (var inner in Constituents(type.GetElementType()!))
                {
                    yield return inner;
                }
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
            {
                foreach (var inner in Constituents(argument))
                {
                    yield return inner;
                }
            }
        }

        private static bool IsPlainText(Type type) =>
            Constituents(type).Any(t => t == typeof(string) || t == typeof(char[]) || t == typeof(byte[]) || t == typeof(object));

        /// <summary>const fields such as ClientSecretVariable hold the name of an environment variable, not a secret.</summary>
        private static bool IsVariableName(MemberInfo member) =>
            member is FieldInfo field && field.IsLiteral && field.Name.EndsWith("Variable", StringComparison.Ordinal);

        private static bool MentionsAny(CustomAttributeTypedArgument argument, Type[] types) =>
            argument.Value is Type type ? types.Contains(type)
            : argument.Value is IEnumerable<CustomAttributeTypedArgument> many && many.Any(a => MentionsAny(a, types));
    }
}
