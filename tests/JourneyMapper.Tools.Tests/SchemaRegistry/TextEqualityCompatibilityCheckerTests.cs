using JourneyMapper.Serialization.Registry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

public sealed class TextEqualityCompatibilityCheckerTests
{
    private readonly TextEqualityCompatibilityChecker _checker = new();

    [Fact]
    public void LayoutDoesNotMatter()
    {
        Assert.True(_checker.Check(TestSchemas.UserV1Pretty, [TestSchemas.UserV1], CompatibilityLevel.Backward).IsCompatible);
    }

    [Fact]
    public void AnyChangeIsIncompatibleAndSaysWhy()
    {
        var result = _checker.Check(TestSchemas.UserV2, [TestSchemas.UserV1], CompatibilityLevel.Backward);

        Assert.False(result.IsCompatible);
        Assert.NotEmpty(result.Messages);
    }

    [Fact]
    public void NonTransitiveLevelsLookAtTheLatestOnly()
    {
        Assert.True(_checker.Check(TestSchemas.UserV2, [TestSchemas.UserV1, TestSchemas.UserV2], CompatibilityLevel.Full).IsCompatible);
        Assert.False(_checker.Check(TestSchemas.UserV2, [TestSchemas.UserV1, TestSchemas.UserV2], CompatibilityLevel.FullTransitive).IsCompatible);
    }

    [Fact]
    public void NoneAndAnEmptySubjectAcceptAnything()
    {
        Assert.True(_checker.Check(TestSchemas.Page, [TestSchemas.UserV1], CompatibilityLevel.None).IsCompatible);
        Assert.True(_checker.Check(TestSchemas.Page, [], CompatibilityLevel.BackwardTransitive).IsCompatible);
    }

    [Fact]
    public void InvalidJsonIsIncompatibleRatherThanAnException()
    {
        Assert.False(_checker.Check("{not json", [TestSchemas.UserV1], CompatibilityLevel.Backward).IsCompatible);
    }
}
