using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Report;
using JourneyMapper.LoadHarness.Services;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Measurement;

public sealed class CpuPointTests
{
    private static readonly CpuBreakdown OneSecond = new()
    {
        Cores = 2,
        IdleCores = 0.25,
        Groups =
        [
            new CpuShare("service-1", ProcessRole.Service, ThreadGroups.StreamThreads, 0.61249),
            new CpuShare("service-1", ProcessRole.Service, ThreadGroups.Jit, 0),
            new CpuShare("harness", ProcessRole.Harness, ThreadGroups.MockBrokers, 0.1304),
        ],
    };

    [Fact]
    public void ASecondKeepsTheGroupsThatRanByProcessAndGroup()
    {
        var point = CpuPoint.Of(3.0, OneSecond)!;

        Assert.Equal(3.0, point.Seconds);
        Assert.Equal(1.75, point.BusyCores);
        Assert.Equal(
            new Dictionary<string, double> { ["service-1: stream threads"] = 0.612, ["harness: mock brokers"] = 0.13 },
            point.Cores);
    }

    [Fact]
    public void WithoutABreakdownThereIsNoPoint() =>
        Assert.Null(CpuPoint.Of(1.0, CpuBreakdown.NotAvailable("no /proc on this system")));

    [Fact]
    public void TheReportWritesTheGroupsUnderTheirTableNames()
    {
        var json = ReportJson.Write(CpuPoint.Of(3.0, OneSecond));

        Assert.Contains("\"busyCores\": 1.75", json, StringComparison.Ordinal);
        Assert.Contains("\"service-1: stream threads\": 0.612", json, StringComparison.Ordinal);
    }
}
