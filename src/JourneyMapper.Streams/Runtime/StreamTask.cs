using System.Diagnostics;
using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Processors.Internals;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// One partition of one sub-topology: its own stores and processor instances, fed record by record.
/// Life cycle: created (stores exist), restored (stores replayed from their changelogs), initialized
/// (processors created and <c>Init</c>ed), processing, committed (stores flushed) any number of times, closed.
/// Errors are settled here, per record, so one bad record never stops its neighbours.
/// </summary>
internal sealed class StreamTask
{
    private const string DefaultDeserializationErrorCode = "deserialization-error";

    private readonly TaskContext _context;
    private readonly Topology _topology;
    private readonly Subtopology _subtopology;
    private readonly IDeserializationExceptionHandler _deserializationHandler;
    private readonly IProcessingExceptionHandler _processingHandler;
    private readonly Func<Exception, bool> _isRetriable;
    private readonly Func<Exception, string?>? _errorCodeOf;
    private Dictionary<string, (ISourceNode Node, MetricCounter Consumed)>? _sources;

    public StreamTask(TaskId id, Topology topology, StreamsConfig config, IRecordCollector collector, TimeProvider clock, StreamsMetrics metrics)
    {
        Id = id;
        _topology = topology;
        _subtopology = topology.Subtopologies[id.Subtopology];
        _context = new TaskContext(config.ApplicationId, id, collector, config.DeadLetterQueueTopic, clock, metrics);
        _deserializationHandler = config.DeserializationExceptionHandler;
        _processingHandler = config.ProcessingExceptionHandler;
        _isRetriable = config.IsRetriable;
        _errorCodeOf = config.ErrorCodeOf;
        foreach (var builder in _subtopology.Stores)
        {
            var changelog = builder.LoggingEnabled
                ? new ChangelogWriter(collector, Topology.ChangelogTopic(config.ApplicationId, builder.Name), id.Partition, ChangelogTimestamp)
                : null;
            var store = builder.Build(changelog);
            _context.AddStore(store);
            if (store is IOffHeapStore offHeap)
            {
                // The heap's figures miss it, as the JVM's miss RocksDB's memory, which Kafka Streams reports per store.
                _context.OwnMetric(metrics.Gauge(
                    StreamsMetrics.StoreNativeBytes,
                    () => offHeap.OffHeapBytes,
                    new MetricTag(StreamsMetrics.TaskIdTag, id.ToString()),
                    new MetricTag(StreamsMetrics.StoreTag, store.Name)));
            }
        }
    }

    public TaskId Id { get; }

    public long StreamTime => _context.StreamTime;

    /// <summary>The stores to replay before processing, with the changelog partition of each.</summary>
    public IEnumerable<(TopicPartition Changelog, IRestorableStore Store)> RestorableStores =>
        _context.Stores.Values.OfType<IRestorableStore>().Select(store => (new TopicPartition(store.RestoreTopic, Id.Partition), store));

    public IReadOnlyDictionary<string, IStateStore> Stores => _context.Stores;

    /// <summary>Creates the processors; after a restore, so that their <c>Init</c> sees the restored stores.</summary>
    public void Initialize() => _sources = _topology.InstantiateSources(_subtopology, _context).ToDictionary(
        source => source.Key,
        source => (source.Value, _context.Metrics.Counter(StreamsMetrics.RecordsConsumed, new MetricTag(StreamsMetrics.TopicTag, source.Key))));

    /// <summary>Processes one record; throws <see cref="StreamsException"/> when a handler says to fail.</summary>
    public void Process(ConsumeResult<byte[], byte[]> raw)
    {
        var sources = _sources ?? throw new InvalidOperationException($"task {Id} processes records only after Initialize");
        if (!sources.TryGetValue(raw.Topic, out var source))
        {
            throw new StreamsException($"task {Id} has no source for topic '{raw.Topic}'");
        }

        _context.CurrentRecord = raw;
        _context.RecordArrivalTimestamp = Stopwatch.GetTimestamp();
        try
        {
            source.Node.Process(raw);
        }
        catch (StreamsDeserializationException ex) when (ex.InnerException is { } cause && _isRetriable(cause))
        {
            throw new RetriableRecordException(raw.Topic, raw.Partition.Value, raw.Offset.Value, cause);
        }
        catch (StreamsDeserializationException ex)
        {
            Settle(_deserializationHandler.Handle(ErrorContext(raw), ex), DeserializationErrorCode(ex), ex);
        }
        catch (Exception ex) when (ex is not StreamsException and not RetriableRecordException)
        {
            Settle(_processingHandler.Handle(ErrorContext(raw), ex), "processing-error", ex);
        }
        finally
        {
            _context.CurrentRecord = null;
            _context.RecordArrivalTimestamp = 0;
        }

        // Counted once done with (processed, dead-lettered or skipped); a record to be read again is not counted yet.
        source.Consumed.Increment();

        _context.StreamTimePunctuators.MaybePunctuate(_context.StreamTime, Punctuate);
    }

    /// <summary>Runs the wall-clock punctuators that are due.</summary>
    public bool MaybePunctuateSystemTime() => _context.WallClockPunctuators.MaybePunctuate(_context.SystemTime, Punctuate);

    /// <summary>Sends buffered store changes to the changelogs: the first step of every commit.</summary>
    public void FlushStores()
    {
        foreach (var store in _context.Stores.Values)
        {
            store.Flush();
        }
    }

    public void Close()
    {
        _context.RemoveMetrics();
        foreach (var instance in _context.Instances)
        {
            if (instance is IProcessorNode node)
            {
                node.Close();
            }
        }

        foreach (var store in _context.Stores.Values)
        {
            store.Close();
        }
    }

    // Kafka rejects negative timestamps; before the first record the wall clock stands in for stream time.
    private long ChangelogTimestamp() => _context.StreamTime >= 0 ? _context.StreamTime : _context.SystemTime;

    private static void Punctuate(Action<long> punctuator, long time) => punctuator(time);

    private void Settle(ErrorHandlerResponse response, string errorCode, Exception exception)
    {
        if (response == ErrorHandlerResponse.Fail)
        {
            throw new StreamsException($"task {Id} failed on a record; the exception handler chose to fail", exception);
        }

        if (_context.HasDeadLetterQueue)
        {
            _context.SendToDeadLetterQueue(errorCode, exception.Message, exception);
        }
    }

    // The deserializer's own exception knows best why the bytes could not be read.
    private string DeserializationErrorCode(StreamsDeserializationException exception) =>
        _errorCodeOf?.Invoke(exception.InnerException ?? exception) is { } code && !string.IsNullOrWhiteSpace(code)
            ? code
            : DefaultDeserializationErrorCode;

    private ErrorHandlerContext ErrorContext(ConsumeResult<byte[], byte[]> raw) =>
        new(Id, raw.Topic, raw.Partition.Value, raw.Offset.Value);
}
