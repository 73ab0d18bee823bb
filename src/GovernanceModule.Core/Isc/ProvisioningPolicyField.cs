using System.Collections;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Isc
{
    /// <summary>
    /// One field of a provisioning policy (FieldDetailsDto). Null means the server did not send the member, and such
    /// a member is not sent back. Members this module does not know are kept, so an edit never drops them.
    /// </summary>
    public sealed class ProvisioningPolicyField
    {
        /// <summary>The account attribute, such as userName.</summary>
        public string? Name { get; set; }

        /// <summary>The transform that computes the value, such as @{type = 'identityAttribute'; attributes = @{name = 'email'}}.</summary>
        public IDictionary? Transform { get; set; }

        /// <summary>The transform's inputs, such as template or cloudMaxSize.</summary>
        public IDictionary? Attributes { get; set; }

        public bool? IsRequired { get; set; }

        /// <summary>string, int, long, date, boolean or secret.</summary>
        public string? Type { get; set; }

        public bool? IsMultiValued { get; set; }

        internal IDictionary<string, JToken> OtherMembers { get; } = new Dictionary<string, JToken>();

        public override string ToString() => Name ?? string.Empty;
    }
}
