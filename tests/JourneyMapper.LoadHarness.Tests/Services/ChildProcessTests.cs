using System.Text.RegularExpressions;
using JourneyMapper.LoadHarness.Services;
using Xunit;

namespace JourneyMapper.LoadHarness.Tests.Services;

/// <summary>A child that announces itself by a line of output, as the pass-through announces its partitions.</summary>
public sealed partial class ChildProcessTests : IDisposable
{
    private const int TestTimeoutMs = 60_000;

    // The harness's own help: a real program of the build output that writes its lines and exits at once.
    private static readonly string[] Help = ["--help"];

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "journeymapper-child-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_logs))
        {
            Directory.Delete(_logs, recursive: true);
        }
    }

    [Fact]
    public void ChildrenRunWithTheEnvironmentTheContainerImageGivesTheService()
    {
        var dockerfile = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "Dockerfile"));
        var runtimeStage = dockerfile[dockerfile.IndexOf(" AS runtime", StringComparison.Ordinal)..];

        var imageEnvironment = EnvLine().Matches(runtimeStage).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value);

        Assert.Equal(imageEnvironment.OrderBy(entry => entry.Key, StringComparer.Ordinal), ChildProcess.ImageEnvironment.OrderBy(entry => entry.Key, StringComparer.Ordinal));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnAnnouncementCountsWhenAwaitedAfterTheProgramWroteItAndExited()
    {
        await using var child = ChildProcess.Start("help", "JourneyMapper.LoadHarness.dll", Help, _logs, announcement: "Description:");
        Assert.Equal(0, await child.WaitForExitAsync(CancellationToken.None));

        await child.WaitForAnnouncementAsync(CancellationToken.None);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AnAnnouncementNeverWrittenFailsOnceTheProgramHasExited()
    {
        await using var child = ChildProcess.Start("help", "JourneyMapper.LoadHarness.dll", Help, _logs, announcement: "never written");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitForAnnouncementAsync(CancellationToken.None));

        Assert.StartsWith("help exited before it wrote \"never written\"; its log: ", failure.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^ENV\s+(?<name>\w+)=(?<value>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvLine();
}
