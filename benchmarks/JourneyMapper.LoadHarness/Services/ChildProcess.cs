using System.Diagnostics;
using System.Runtime.InteropServices;

namespace JourneyMapper.LoadHarness.Services;

/// <summary>
/// A .NET program of this build run as a process of its own, as the service is deployed, so that its CPU time and
/// memory are its own. Its output goes to a log file; it is stopped with SIGTERM, which the Generic Host answers by
/// stopping cleanly.
/// </summary>
public sealed partial class ChildProcess : IBenchProcess
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The runtime settings the Dockerfile gives the service, and with which the harness runs its children.</summary>
    public static IReadOnlyDictionary<string, string> ImageEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_GCgen0size"] = "0x4000000",
        ["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1",
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
    };

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _announcement;

    private ChildProcess(string name, Process process, StreamWriter log, string? announcement)
    {
        Name = name;
        _process = process;
        _log = log;
        _announcement = announcement;
        LogPath = ((FileStream)log.BaseStream).Name;
    }

    public string Name { get; }

    public bool SharesHarnessProcess => false;

    public int ProcessId => _process.Id;

    public string LogPath { get; }

    /// <param name="assembly">A program's file name in this build's output folder, e.g. <c>JourneyMapper.Worker.dll</c>.</param>
    /// <param name="announcement">
    /// A line the program writes, on a line of its own, once it is ready, as a program without endpoints says so; see
    /// <see cref="WaitForAnnouncementAsync"/>. Known from the start, so that no line written early is missed.
    /// </param>
    public static ChildProcess Start(string name, string assembly, IEnumerable<string> arguments, string logDirectory, string? announcement = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{assembly} is not in the harness's build output ({AppContext.BaseDirectory}).", path);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(path);

        // As the container image runs the service (see the Dockerfile), unless the caller chose otherwise.
        foreach (var (variable, value) in ImageEnvironment)
        {
            if (Environment.GetEnvironmentVariable(variable) is null)
            {
                start.Environment[variable] = value;
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Directory.CreateDirectory(logDirectory);
        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log"), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(name, process, log, announcement);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ = child.FailAnnouncementAsync();
        process.OutputDataReceived += (_, line) => child.Write(line.Data);
        process.ErrorDataReceived += (_, line) => child.Write(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Configuration as the worker's command line takes it: <c>--Section:Key=value</c>.</summary>
    public static IEnumerable<string> ConfigurationArguments(IReadOnlyDictionary<string, string?> configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Select(setting => $"--{setting.Key}={setting.Value}");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the program has written its announcement; fails if it exits first.</summary>
    public Task WaitForAnnouncementAsync(CancellationToken cancellationToken) => _announcement is null
        ? throw new InvalidOperationException($"{Name} was started without an announcement to wait for")
        : _announced.Task.WaitAsync(cancellationToken);

    // Once every line of output is read, so that an announcement written just before the exit still counts.
    private async Task FailAnnouncementAsync()
    {
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // disposed meanwhile: nobody waits any more
        }

        lock (_logLock)
        {
            if (_announcement is not null && !_announced.Task.IsCompleted)
            {
                _announced.TrySetException(new InvalidOperationException($"{Name} exited before it wrote \"{_announcement}\"; its log: {LogPath}"));
            }
        }
    }

    /// <summary>Waits for a program that ends by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public ProcessUsage Usage() => _process.HasExited
        ? throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}; its log: {LogPath}")
        : ProcessUsage.Of(_process);

    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Write($"[harness] {Name} did not stop within {StopTimeout.TotalSeconds:F0} s of SIGTERM; killed.");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
            if (line == _announcement)
            {
                _announced.TrySetResult();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
