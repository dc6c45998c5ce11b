namespace JourneyMapper.LoadHarness.Services;

/// <summary>
/// Something the harness runs and measures: a service instance or the pass-through, in the harness's own process or
/// in a child process.
/// </summary>
public interface IBenchProcess : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Whether <see cref="Usage"/> is the harness's own process (shared with the cluster and the generator).</summary>
    bool SharesHarnessProcess { get; }

    /// <summary>The operating system's process it runs in: the harness's own when it shares it.</summary>
    int ProcessId { get; }

    ProcessUsage Usage();

    /// <summary>Stops cleanly (output flushed, offsets committed), as SIGTERM stops a deployed service.</summary>
    Task StopAsync();
}
