using JourneyMapper.LoadHarness.Measurement;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Measurement;

/// <summary>The grouping rules on the thread names a run shows in /proc (each cut to 15 bytes, as Linux keeps them).</summary>
public sealed class ThreadGroupsTests
{
    [Theory]
    [InlineData(ProcessRole.Service, "journey-mapper-", false, ThreadGroups.StreamThreads)]
    [InlineData(ProcessRole.Service, "rdk:broker1", false, ThreadGroups.Librdkafka)]
    [InlineData(ProcessRole.Service, "rdk:main", true, ThreadGroups.Librdkafka)]
    [InlineData(ProcessRole.Service, ".NET Long Runni", false, ThreadGroups.Librdkafka)]
    [InlineData(ProcessRole.Service, ".NET TP Worker", false, ThreadGroups.ThreadPool)]
    [InlineData(ProcessRole.Service, ".NET BGC", false, ThreadGroups.BackgroundGc)]
    [InlineData(ProcessRole.Service, ".NET Server GC", false, ThreadGroups.BackgroundGc)]
    [InlineData(ProcessRole.Service, ".NET Tiered Com", false, ThreadGroups.Jit)]
    [InlineData(ProcessRole.Service, "dotnet", false, ThreadGroups.Other)]
    [InlineData(ProcessRole.Service, "Kestrel Timer", false, ThreadGroups.Other)]
    [InlineData(ProcessRole.PassThrough, ".NET TP Worker", false, ThreadGroups.CopyLoop)]
    [InlineData(ProcessRole.PassThrough, "rdk:broker3", false, ThreadGroups.Librdkafka)]
    [InlineData(ProcessRole.Harness, "rdk:mock", false, ThreadGroups.MockBrokers)]
    [InlineData(ProcessRole.Harness, "rdk:broker2", true, ThreadGroups.GeneratorProducer)]
    [InlineData(ProcessRole.Harness, ".NET Long Runni", true, ThreadGroups.GeneratorProducer)]
    [InlineData(ProcessRole.Harness, "rdk:broker2", false, ThreadGroups.OtherClients)]
    [InlineData(ProcessRole.Harness, "rdk:broker-1", false, ThreadGroups.OtherClients)]
    [InlineData(ProcessRole.Harness, "clickstream-pro", true, ThreadGroups.GeneratorLoop)]
    [InlineData(ProcessRole.Harness, ".NET TP Worker", true, ThreadGroups.ThreadPool)]
    [InlineData(ProcessRole.Harness, ".NET TP Worker", false, ThreadGroups.ThreadPool)]
    [InlineData(ProcessRole.Harness, "journey-mapper-", false, ThreadGroups.StreamThreads)]
    public void ANameFallsInTheGroupOfItsPrefix(ProcessRole role, string name, bool startedInPhase, string group) =>
        Assert.Equal(group, ThreadGroups.Of(role, name, startedInPhase));

    [Fact]
    public void TheStreamThreadPrefixIsTheRuntimesThreadNameAsLinuxCutsIt() =>
        Assert.Equal("journey-mapper-", ThreadGroups.StreamThreadPrefix);
}
