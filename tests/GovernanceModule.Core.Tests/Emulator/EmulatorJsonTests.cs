using GovernanceModule.Emulator.Infrastructure;
using Xunit;

namespace GovernanceModule.Core.Tests.Emulator;

/// <summary>
/// The emulator refuses a JSON body that names a member twice, as the vendors' strict parsers do. On net8.0 this is
/// checked by hand (JsonDocumentOptions.AllowDuplicateProperties is new in .NET 10).
/// </summary>
public sealed class EmulatorJsonTests
{
    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"x\":{\"a\":1,\"b\":2,\"a\":3}}")]
    [InlineData("[{\"a\":1},{\"b\":[{\"c\":1,\"c\":1}]}]")]
    public void TryParse_RefusesADuplicatedMember(string text) => Assert.False(EmulatorJson.TryParse(text, out _));

    [Theory]
    [InlineData("{\"a\":1,\"b\":{\"a\":2}}")]
    [InlineData("[{\"a\":1},{\"a\":2}]")]
    [InlineData("{\"a\":[1,2,{\"a\":3}],\"b\":null}")]
    [InlineData("{\"a\":1,\"A\":2}")]
    public void TryParse_AcceptsTheSameNameInDifferentObjects(string text)
    {
        Assert.True(EmulatorJson.TryParse(text, out var node));
        Assert.NotNull(node);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1}}")]
    public void TryParse_RefusesEmptyOrMalformedText(string text) => Assert.False(EmulatorJson.TryParse(text, out _));
}
