using System;
using System.Collections.Generic;
using System.Linq;
using GovernanceModule.Core.Nerm;
using GovernanceModule.Emulator.Nerm;
using GovernanceModule.Emulator.Specs;
using Newtonsoft.Json.Linq;
using Xunit;

namespace GovernanceModule.Core.Tests.Conformance
{
    /// <summary>
    /// The NERM vocabularies are written twice, by design: once in the module (WorkflowSessionStatuses) and once in
    /// the emulator (NermVocabulary), so that neither can borrow a mistake from the other. Each list is held here on
    /// its own against SailPoint's published OpenAPI document, so a value added, dropped or spelt differently in
    /// either one fails.
    /// </summary>
    public sealed class NermVocabularyTests
    {
        private static readonly JObject Spec = PublishedSpec.Nerm.Document;

        /// <summary>The status enum of every request and response body that has one: the spec repeats it, identically.</summary>
        private static IReadOnlyList<string> BodyStatuses()
        {
            var enums = Spec.SelectTokens("$.paths.*.*..properties.workflow_session.properties.status.enum")
                .Concat(Spec.SelectTokens("$.paths.*.*..properties.workflow_sessions.items.properties.status.enum"))
                .Select(e => e.Values<string>().Select(v => v!).ToList())
                .ToList();
            Assert.True(enums.Count >= 5, "the spec's bodies carry status enums; found " + enums.Count);
            Assert.All(enums, e => Assert.Equal(enums[0], e));
            return enums[0];
        }

        private static IReadOnlyList<string> FilterStatuses() =>
            Spec.SelectToken("$.paths['/workflow_sessions'].get.parameters[?(@.name == 'status' && @.in == 'query')].schema.enum")!
                .Values<string>().Select(v => v!).ToList();

        private static IReadOnlyList<string> RequesterTypes() =>
            Spec.SelectToken("$.paths['/workflow_sessions/{id}'].patch.requestBody.content['application/json'].schema.properties.workflow_session.properties.requester_type.enum")!
                .Values<string>().Select(v => v!).ToList();

        [Fact]
        public void The_module_knows_exactly_the_published_statuses() => AssertSameValues(BodyStatuses(), WorkflowSessionStatuses.All);

        [Fact]
        public void The_emulator_knows_exactly_the_published_statuses() => AssertSameValues(BodyStatuses(), NermVocabulary.Statuses);

        [Fact]
        public void The_module_knows_exactly_the_published_filter_statuses() => AssertSameValues(FilterStatuses(), WorkflowSessionStatuses.FilterValues);

        [Fact]
        public void The_emulator_knows_exactly_the_published_filter_statuses() => AssertSameValues(FilterStatuses(), NermVocabulary.FilterStatuses);

        [Fact]
        public void The_module_knows_exactly_the_published_requester_types() => AssertSameValues(RequesterTypes(), WorkflowSessionStatuses.RequesterTypes);

        [Fact]
        public void The_emulator_knows_exactly_the_published_requester_types() => AssertSameValues(RequesterTypes(), NermVocabulary.RequesterTypes);

        /// <summary>Same values, same case, each once; order aside.</summary>
        private static void AssertSameValues(IReadOnlyList<string> published, IReadOnlyList<string> ours)
        {
            Assert.Equal(ours.Count, ours.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(
                published.OrderBy(v => v, StringComparer.Ordinal).ToList(),
                ours.OrderBy(v => v, StringComparer.Ordinal).ToList());
        }
    }
}
