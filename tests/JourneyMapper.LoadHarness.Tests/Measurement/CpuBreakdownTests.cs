using System.Diagnostics;
using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Services;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Measurement;

/// <summary>Two snapshots 10 s apart, worked out by hand: at 100 ticks per second a core is 1,000 ticks of the window.</summary>
public sealed class CpuBreakdownTests
{
    private static readonly RunProcess Service = new("service-1", 500, ProcessRole.Service);
    private static readonly RunProcess Harness = new("harness", 400, ProcessRole.Harness);

    private static readonly CpuSnapshot Start = new(
        0,
        new MachineCpu(Cores: 2, Idle: 5_000),
        [
            // Thread 12 ends within the window; the BGC thread 14 ends at once and a librdkafka thread gets its id.
            new ProcessTicks(695, [new(10, "journey-mapper-", 100), new(11, "rdk:broker1", 50), new(12, ".NET TP Worker", 5), new(14, ".NET BGC", 500)]),
            new ProcessTicks(1_015, [new(1, "dotnet", 10), new(2, "rdk:mock", 1_000), new(3, "rdk:main", 5)]),
        ]);

    private static readonly CpuSnapshot End = new(
        10 * Stopwatch.Frequency,
        new MachineCpu(Cores: 2, Idle: 5_050),
        [
            // 600 + 300 + 20 + 10 by live threads, and 30 by thread 12 before it ended.
            new ProcessTicks(1_655, [new(10, "journey-mapper-", 700), new(11, "rdk:broker1", 350), new(13, "rdk:main", 20), new(14, "rdk:broker2", 10)]),

            // The generator's threads (ids from 100) started with the phase.
            new ProcessTicks(1_916, [new(1, "dotnet", 20), new(2, "rdk:mock", 1_400), new(3, "rdk:main", 6), new(100, "rdk:broker1", 150), new(101, ".NET Long Runni", 40), new(102, "clickstream-pro", 300)]),
        ]);

    [Fact]
    public void EachThreadCountsWhatItUsedInTheWindowAndNewThreadsCountFromZero()
    {
        var breakdown = CpuBreakdown.Between([Service, Harness], Start, End, Group);

        Assert.Equal(
            [
                ("service-1", ThreadGroups.StreamThreads, 0.60),
                ("service-1", ThreadGroups.Librdkafka, 0.33), // 300 + 20 new + 10 under a reused id
                ("service-1", ThreadGroups.Other, 0.03), // the ended thread's, from the process's total
                ("harness", ThreadGroups.MockBrokers, 0.40),
                ("harness", ThreadGroups.GeneratorLoop, 0.30),
                ("harness", ThreadGroups.GeneratorProducer, 0.19),
                ("harness", ThreadGroups.OtherClients, 0.001),
                ("harness", ThreadGroups.Other, 0.01),
            ],
            breakdown.Groups.Select(share => (share.Process, share.Group, Math.Round(share.Cores, 3))));
        Assert.Equal(1.861, breakdown.RunCores, precision: 9);
        Assert.Equal(1.95, breakdown.BusyCores!.Value, precision: 9);
        Assert.Equal(0.05, breakdown.IdleCores!.Value, precision: 9);
        Assert.Equal(0.089, breakdown.RestOfMachineCores!.Value, precision: 9);
        Assert.Null(breakdown.Unavailable);
    }

    [Fact]
    public void WithoutTheMachineLineTheRestOfTheMachineIsUnknown()
    {
        var breakdown = CpuBreakdown.Between([Service, Harness], Start with { Machine = null }, End with { Machine = null }, Group);

        Assert.Null(breakdown.IdleCores);
        Assert.Null(breakdown.BusyCores);
        Assert.Null(breakdown.RestOfMachineCores);
        Assert.Equal(1.861, breakdown.RunCores, precision: 9);
    }

    [Fact]
    public void AnUnavailableBreakdownSaysWhyAndHasNoGroups()
    {
        var breakdown = CpuBreakdown.NotAvailable("no /proc");

        Assert.Equal("no /proc", breakdown.Unavailable);
        Assert.Empty(breakdown.Groups);
        Assert.Equal(0, breakdown.RunCores);
    }

    private static string Group(RunProcess process, ThreadTicks thread) =>
        ThreadGroups.Of(process.Role, thread.Name, startedInPhase: thread.Id >= 100);
}
