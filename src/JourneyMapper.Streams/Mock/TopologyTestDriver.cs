using Confluent.Kafka;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State;

namespace JourneyMapper.Streams.Mock;

/// <summary>
/// Runs a topology without a broker, deterministically: every topic is one partition, each sub-topology one
/// task, and output is kept in memory per topic. The same task code runs as in <see cref="KafkaStreams"/>.
/// As in Kafka Streams' driver, each piped record is processed to completion (records written to topics the
/// topology reads are fed back in) and then committed, which flushes the stores to their changelogs.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly Topology _topology;
    private readonly Dictionary<int, StreamTask> _tasks = [];
    private readonly InMemoryCollector _collector;
    private readonly ManualClock _clock;
    private readonly Dictionary<string, long> _nextOffsets = [];
    private readonly string _applicationId;
    private readonly HashSet<string> _subscribed;
    private bool _disposed;

    public TopologyTestDriver(Topology topology, StreamsConfig? config = null, DateTimeOffset? initialWallClockTime = null)
    {
        _topology = topology;
        config ??= new StreamsConfig { ApplicationId = "topology-test-driver", BootstrapServers = "unused:9092" };
        _clock = new ManualClock(initialWallClockTime ?? DateTimeOffset.UnixEpoch);
        _applicationId = config.ApplicationId;
        _subscribed = [.. topology.SubscriptionTopics(config.ApplicationId)];
        _collector = new InMemoryCollector(this);
        foreach (var subtopology in topology.Subtopologies)
        {
            var task = new StreamTask(new TaskId(subtopology.Id, 0), topology, config, _collector, _clock, Metrics);
            task.Initialize();
            _tasks[subtopology.Id] = task;
        }
    }

    /// <summary>
    /// When false, stores are flushed to their changelogs only by <see cref="Commit"/>, as a running application
    /// does once per commit interval (benchmarks use this); when true (the default), after every record.
    /// </summary>
    public bool CommitEveryRecord { get; init; } = true;

    /// <summary>The runtime's metrics (records consumed, late records, ...) for the records piped so far.</summary>
    public StreamsMetrics Metrics { get; } = new();

    public TestInputTopic<TKey, TValue> CreateInputTopic<TKey, TValue>(string topic, ISerializer<TKey> keySerializer, ISerializer<TValue> valueSerializer) =>
        new(this, topic, keySerializer, valueSerializer);

    public TestOutputTopic<TKey, TValue> CreateOutputTopic<TKey, TValue>(string topic, IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer) =>
        new(_collector.Topic(topic), topic, keyDeserializer, valueDeserializer);

    /// <summary>Pipes bytes as they would arrive from Kafka, e.g. a record no serializer would produce.</summary>
    public void PipeRaw(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _collector.Feed(topic, key, value, timestamp, headers);
        _collector.Drain();
        if (CommitEveryRecord)
        {
            Commit();
        }
    }

    /// <summary>Moves the wall clock and runs the wall-clock punctuators that become due.</summary>
    public void AdvanceWallClockTime(TimeSpan by)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _clock.Advance(by);
        foreach (var task in _tasks.Values)
        {
            task.MaybePunctuateSystemTime();
        }

        _collector.Drain();
        if (CommitEveryRecord)
        {
            Commit();
        }
    }

    /// <summary>Flushes every store to its changelog, as a commit does.</summary>
    public void Commit()
    {
        foreach (var task in _tasks.Values)
        {
            task.FlushStores();
        }

        _collector.Drain();
    }

    public TStore GetStateStore<TStore>(string name)
        where TStore : IStateStore =>
        _tasks.Values.SelectMany(task => task.Stores.Values).OfType<TStore>().FirstOrDefault(store => store.Name == name)
        ?? throw new InvalidOperationException($"the topology has no {typeof(TStore).Name} named '{name}'");

    public IKeyValueStore<TKey, TValue> GetKeyValueStore<TKey, TValue>(string name) => GetStateStore<IKeyValueStore<TKey, TValue>>(name);

    public ISessionStore<TKey, TAggregate> GetSessionStore<TKey, TAggregate>(string name) => GetStateStore<ISessionStore<TKey, TAggregate>>(name);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            foreach (var task in _tasks.Values)
            {
                task.Close();
            }

            // The values stay readable; only the meter is unpublished.
            Metrics.Dispose();
        }
    }

    private void Process(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers)
    {
        var offset = _nextOffsets.GetValueOrDefault(topic);
        _nextOffsets[topic] = offset + 1;
        _tasks[_topology.SubtopologyOf(topic, _applicationId).Id].Process(new ConsumeResult<byte[], byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset(topic, 0, offset),
            Message = new Message<byte[], byte[]>
            {
                Key = key!,
                Value = value!,
                Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
                Headers = headers ?? [],
            },
        });
    }

    /// <summary>Keeps output per topic, and feeds records for topics the topology reads back in, in order.</summary>
    private sealed class InMemoryCollector(TopologyTestDriver driver) : IRecordCollector
    {
        private readonly Dictionary<string, Queue<CapturedRecord>> _topics = [];
        private readonly Queue<(string Topic, byte[]? Key, byte[]? Value, long Timestamp, Headers? Headers)> _toProcess = new();

        public Queue<CapturedRecord> Topic(string topic)
        {
            if (!_topics.TryGetValue(topic, out var queue))
            {
                queue = new Queue<CapturedRecord>();
                _topics[topic] = queue;
            }

            return queue;
        }

        public void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp, int? partition = null)
        {
            var copy = headers is null ? null : headers.Copy();
            Topic(topic).Enqueue(new CapturedRecord(key, value, copy, timestamp));
            if (driver._subscribed.Contains(topic))
            {
                Feed(topic, key, value, timestamp, copy?.Copy());
            }
        }

        public void Feed(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers) =>
            _toProcess.Enqueue((topic, key, value, timestamp, headers));

        public void Drain()
        {
            while (_toProcess.TryDequeue(out var record))
            {
                driver.Process(record.Topic, record.Key, record.Value, record.Timestamp, record.Headers);
            }
        }
    }
}
