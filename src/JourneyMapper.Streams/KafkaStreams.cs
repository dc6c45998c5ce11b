using System.Globalization;
using JourneyMapper.Streams.Kafka;
using JourneyMapper.Streams.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Streams;

/// <summary>
/// Runs a topology against a Kafka cluster: <see cref="StreamsConfig.NumStreamThreads"/> stream threads in
/// one consumer group named by the application id, so instances with the same id share the partitions.
/// </summary>
public sealed partial class KafkaStreams : IAsyncDisposable
{
    private readonly StreamThread[] _threads;
    private readonly ILogger<KafkaStreams> _logger;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateLock = new();
    private readonly HashSet<StreamThread> _assignedThreads = [];
    private readonly Topology _topology;
    private readonly StreamsConfig _config;
    private readonly ILoggerFactory _loggerFactory;

    public KafkaStreams(Topology topology, StreamsConfig config, ILoggerFactory? loggerFactory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(config.NumStreamThreads, 1, nameof(config));
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<KafkaStreams>();
        _topology = topology;
        _config = config;
        _loggerFactory = loggerFactory;
        var threadLogger = loggerFactory.CreateLogger<StreamThread>();
        _threads = Enumerable.Range(1, config.NumStreamThreads)
            .Select(index => new StreamThread(
                string.Create(CultureInfo.InvariantCulture, $"{config.ApplicationId}-StreamThread-{index}"), topology, config, Metrics, threadLogger))
            .ToArray();
        foreach (var thread in _threads)
        {
            thread.AssignmentChanged += OnAssignmentChanged;
        }

        foreach (var state in Enum.GetValues<KafkaStreamsState>())
        {
            Metrics.Gauge(StreamsMetrics.ClientState, () => State == state ? 1 : 0, new MetricTag(StreamsMetrics.StateTag, StateName(state)));
        }
    }

    public KafkaStreamsState State { get; private set; } = KafkaStreamsState.Created;

    /// <summary>The runtime's metrics (and those of the processors), shared by all stream threads of this instance.</summary>
    public StreamsMetrics Metrics { get; } = new();

    /// <summary>Raised with (new state, old state) on every transition.</summary>
    public event Action<KafkaStreamsState, KafkaStreamsState>? StateChanged;

    /// <summary>Completes when every thread has stopped; faulted with the cause when one failed.</summary>
    public Task Completion => _completion.Task;

    public void Start()
    {
        lock (_stateLock)
        {
            if (State != KafkaStreamsState.Created)
            {
                throw new InvalidOperationException($"KafkaStreams can be started once, from {KafkaStreamsState.Created}; it is {State}");
            }

            Transition(KafkaStreamsState.Rebalancing);
        }

        _ = RunAsync();
    }

    /// <summary>Stops every thread after it flushes its output and commits its input; waits for them.</summary>
    public async Task CloseAsync()
    {
        lock (_stateLock)
        {
            if (State == KafkaStreamsState.Created)
            {
                Transition(KafkaStreamsState.NotRunning);
                _completion.TrySetResult();
                return;
            }

            if (State is not (KafkaStreamsState.NotRunning or KafkaStreamsState.Error))
            {
                Transition(KafkaStreamsState.PendingShutdown);
            }
        }

        foreach (var thread in _threads)
        {
            thread.RequestStop();
        }

        try
        {
            await _completion.Task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The failure was logged by its thread and stays visible on Completion; closing itself succeeded.
        }
    }

    /// <summary>
    /// Stops every thread as a killed process stops: nothing flushed, nothing committed, the group not told.
    /// For failover tests; the partitions move once the group's session timeout expires.
    /// </summary>
    internal Task CrashAsync()
    {
        foreach (var thread in _threads)
        {
            thread.Crash();
        }

        return _completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        Metrics.Dispose();
    }

    /// <summary>Kafka Streams' spelling of a state, e.g. <c>PENDING_SHUTDOWN</c>.</summary>
    public static string StateName(KafkaStreamsState state) =>
        string.Concat(state.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private async Task RunAsync()
    {
        try
        {
            KafkaNativeLibrary.EnsureLoaded();
            await new InternalTopicManager(_config, _loggerFactory.CreateLogger<InternalTopicManager>())
                .EnsureAsync(_topology.InternalTopics(_config.ApplicationId)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStartFailed(ex);
            lock (_stateLock)
            {
                Transition(KafkaStreamsState.Error);
            }

            _completion.TrySetException(ex);
            return;
        }

        foreach (var thread in _threads)
        {
            thread.Start();
        }

        await WatchThreadsAsync().ConfigureAwait(false);
    }

    private async Task WatchThreadsAsync()
    {
        var pending = _threads.Select(thread => thread.Completion).ToList();
        Exception? failure = null;
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(finished);
            if (finished.Exception is { } error && failure is null)
            {
                // One failed thread stops the instance: running on with part of the work would hide the fault.
                failure = error.InnerException ?? error;
                foreach (var thread in _threads)
                {
                    thread.RequestStop();
                }
            }
        }

        lock (_stateLock)
        {
            Transition(failure is null ? KafkaStreamsState.NotRunning : KafkaStreamsState.Error);
        }

        if (failure is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(failure);
        }
    }

    private void OnAssignmentChanged(StreamThread thread, bool assigned)
    {
        lock (_stateLock)
        {
            if (assigned)
            {
                _assignedThreads.Add(thread);
            }
            else
            {
                _assignedThreads.Remove(thread);
            }

            if (State is KafkaStreamsState.Rebalancing or KafkaStreamsState.Running)
            {
                Transition(_assignedThreads.Count == _threads.Length ? KafkaStreamsState.Running : KafkaStreamsState.Rebalancing);
            }
        }
    }

    private void Transition(KafkaStreamsState next)
    {
        var previous = State;
        if (previous == next)
        {
            return;
        }

        State = next;
        LogTransition(previous, next);
        StateChanged?.Invoke(next, previous);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not start: the internal topics are not in place")]
    private partial void LogStartFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "State transition from {Previous} to {Next}")]
    private partial void LogTransition(KafkaStreamsState previous, KafkaStreamsState next);
}
