using JourneyMapper.LoadHarness.Services;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Services;

/// <summary>The /proc lines the CPU breakdown reads: stat lines of threads, the machine's cpu line, and a live read on Linux.</summary>
public sealed class ThreadCpuTests
{
    [Fact]
    public void AStatLineGivesTheNameAndUserPlusSystemTicks()
    {
        var (name, ticks) = ThreadCpu.ParseStat(
            "21018 (rdk:mock) S 20999 21007 20231 0 -1 4194368 1513 0 0 0 4310 1290 0 0 20 0 41 0 4790121 3511279616 51807 18446744073709551615 1 1 0 0 0 0 0 4096 17642 0 0 0 -1 1 0 0 0 0 0\n");

        Assert.Equal("rdk:mock", name);
        Assert.Equal(4310 + 1290, ticks);
    }

    [Fact]
    public void ANameWithSpacesAndParenthesesEndsAtTheLastClosingParenthesis()
    {
        // As Linux wrote it for a thread renamed "x) (y z)": utime 5, stime 6, then the children's 14 and 21.
        var (name, ticks) = ThreadCpu.ParseStat(
            "24339 (x) (y z)) R 24336 24336 20231 0 -1 4194304 2827 6479 0 0 5 6 14 21 20 0 1 0 4823538 16965632 3352 18446744073709551615 0");

        Assert.Equal("x) (y z)", name);
        Assert.Equal(11, ticks);
    }

    [Fact]
    public void ANameOfSpacesKeepsThem()
    {
        var (name, ticks) = ThreadCpu.ParseStat("7 (.NET TP Worker) S 1 1 1 0 -1 0 0 0 0 0 100 20 0 0 20 0 1 0 1 1 1");

        Assert.Equal(".NET TP Worker", name);
        Assert.Equal(120, ticks);
    }

    [Fact]
    public void ALineWithoutANameIsRejected() =>
        Assert.Throws<FormatException>(() => ThreadCpu.ParseStat("7 rdk:main S 1"));

    [Fact]
    public void TheMachineIsItsAggregateLinesIdlePlusIoWaitOverAsManyCoresAsItHasLines()
    {
        var machine = MachineCpu.Parse("""
            cpu  4313619 0 772816 4425483 7469 0 47666 0 0 0
            cpu0 2662109 0 407367 1690523 1253 0 19381 0 0 0
            cpu1 1651510 0 365448 2734959 6216 0 28284 0 0 0
            intr 34581557 0 0 0
            ctxt 81234
            procs_running 3
            """);

        Assert.Equal(new MachineCpu(Cores: 2, Idle: 4425483 + 7469), machine);
    }

    [Fact]
    public void StatWithoutTheAggregateLineIsRejected() =>
        Assert.Throws<FormatException>(() => MachineCpu.Parse("cpu0 2662109 0 407367 1690523 1253 0 19381 0 0 0\n"));

    [Fact]
    public void OnLinuxThisProcessReadsWithThisThreadAmongItsThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(ThreadCpu.Available);
            Assert.Null(ThreadCpu.Read(Environment.ProcessId));
            return;
        }

        var process = Assert.IsType<ProcessTicks>(ThreadCpu.Read(Environment.ProcessId));
        Assert.Contains(process.Threads, thread => thread.Id == Environment.ProcessId); // the main thread's id is the process's
        Assert.Equal(100, ThreadCpu.TicksPerSecond);
        Assert.NotNull(MachineCpu.Read());
    }

    [Fact]
    public void AProcessThatIsGoneReadsAsNothing() => Assert.Null(ThreadCpu.Read(int.MaxValue));
}
