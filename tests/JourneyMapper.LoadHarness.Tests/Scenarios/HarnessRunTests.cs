using JourneyMapper.LoadHarness.Measurement;
using JourneyMapper.LoadHarness.Report;
using JourneyMapper.LoadHarness.Scenarios;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Scenarios;

/// <summary>
/// The harness's two runs, small and in-process, over the embedded cluster: what they report must add up, so that a change
/// to the service or the harness cannot leave BENCHMARKS.md's commands broken unnoticed.
/// </summary>
public sealed class HarnessRunTests : IDisposable
{
    private const int TestTimeoutMs = 180_000;

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "journeymapper-bench-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_logs))
        {
            Directory.Delete(_logs, recursive: true);
        }
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ARestoreBringsBackEveryWrittenSessionStillOpen()
    {
        var report = await RestoreScenario.RunAsync(
            new RestoreSettings { Sessions = 3_000, Partitions = 4, Hosting = ServiceHosting.InProcess, LogDirectory = _logs },
            TextWriter.Null,
            CancellationToken.None);

        Assert.Empty(report.Problems);
        Assert.Equal(3_000, report.Fill.ChangelogRecords);
        Assert.Equal(3_000, report.RawClient.Records);
        Assert.Equal(3_000, report.Service.SessionRecordsRestored);
        Assert.Equal(3_000, report.Service.OpenSessionsAfterRestore);
        Assert.True(report.Service.StoreNativeBytesAfterRestore > 0);
        Assert.Contains("\"sessionsWritten\": 3000", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ALoadRunMeasuresThePassThroughAndTheServiceOverTheSameWindowEachAtItsOfferedRate()
    {
        var settings = new BenchSettings
        {
            Rate = 2_000,
            ServiceRate = 1_000,
            Warmup = TimeSpan.FromSeconds(5),
            Duration = TimeSpan.FromSeconds(3),
            Partitions = 4,
            Customers = 2_000,
            Hosting = ServiceHosting.InProcess,
            LogDirectory = _logs,
        };

        var report = await ThroughputScenario.RunAsync(settings, TextWriter.Null, CancellationToken.None);

        var passThrough = Assert.IsType<PhaseResult>(report.PassThrough);
        foreach (var phase in new[] { passThrough, report.Service })
        {
            Assert.InRange(phase.WindowSeconds, 2.5, 4.5);
            Assert.True(phase.ProcessedPerSecond > 0);
            Assert.False(phase.LostToRetention);
            Assert.Single(phase.ProcessedPerSecondPerInstance);
            Assert.Equal(phase.Timeline.OrderBy(point => point.Seconds), phase.Timeline);
            Assert.All(phase.Timeline, point => Assert.Equal(Math.Max(0, point.Produced - point.Processed), point.Lag));
        }

        // Each phase is offered its own rate.
        Assert.InRange(passThrough.ProducedPerSecond, 1_300, 3_000);
        Assert.InRange(report.Service.ProducedPerSecond, 500, 1_300);

        // Only the service has the latency histograms and the session gauges.
        Assert.Null(passThrough.CloseToSegment);
        Assert.Null(passThrough.OpenSessions);
        Assert.NotNull(report.Service.ArrivalToProvisionalUpdate);
        Assert.True(report.Service.OpenSessions > 0);
        Assert.True(report.Service.StoreNativeBytes > 0);
        Assert.Null(passThrough.StoreNativeBytes);
        Assert.True(report.FractionOfPassThrough > 0);
        var table = ReportTable.Write(report);
        Assert.Contains("| **sustained events/s** |", table, StringComparison.Ordinal);
        Assert.Contains("offered: 2,000 events/s to the pass-through, 1,000 events/s to the service,", table, StringComparison.Ordinal);

        // At 1,000 events/s over 3 s no target is met, and the latencies are not judged.
        Assert.Equal(4, report.Targets.Count);
        Assert.All(report.Targets.Skip(2), target => Assert.Equal(TargetStatus.NotMeasured, target.Status));
        Assert.Contains("| p99 close → segment < 250 ms at 50,000 events/s |", table, StringComparison.Ordinal);
        Assert.Contains("\"targets\": [", report.ToJson(), StringComparison.Ordinal);

        // In-process, the harness's one process holds everything: its thread groups are the breakdown.
        if (OperatingSystem.IsLinux())
        {
            Assert.Null(report.Service.Cpu.Unavailable);
            Assert.All(report.Service.Cpu.Groups, share => Assert.Equal("harness, with the service in-process", share.Process));
            Assert.Contains(report.Service.Cpu.Groups, share => share.Group == ThreadGroups.StreamThreads && share.Cores > 0);
            Assert.Contains(report.Service.Cpu.Groups, share => share.Group == ThreadGroups.MockBrokers && share.Cores > 0);
            Assert.Contains("| harness, with the service in-process: mock brokers |", table, StringComparison.Ordinal);
        }
    }
}
