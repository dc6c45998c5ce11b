using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.Kafka;

namespace JourneyMapper.Tools.Kafka;

/// <summary>
/// An in-process Kafka cluster (librdkafka's mock cluster) that speaks the Kafka protocol on 127.0.0.1, for
/// tests and local runs where no real broker exists. Broker ids are 1..<see cref="BrokerCount"/>.
/// </summary>
/// <remarks>
/// The mock does not implement the CreateTopics admin API: create topics with <see cref="CreateTopic"/>.
/// Producing to an unknown topic auto-creates it with the mock's default of 4 partitions.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly KafkaHandle _host;
    private readonly MockClusterHandle _cluster;
    private int _disposed;

    private EmbeddedKafkaCluster(KafkaHandle host, MockClusterHandle cluster, string bootstrapServers, int brokerCount)
    {
        _host = host;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    /// <summary>The <c>bootstrap.servers</c> list for clients (random local ports).</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    public static EmbeddedKafkaCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);

        // Callers build Confluent clients against the cluster next; they need the system library resolved.
        KafkaNativeLibrary.EnsureLoaded();

        var host = CreateQuietHost();
        MockClusterHandle? cluster = null;
        try
        {
            cluster = MockClusterNative.MockClusterNew(host, brokers);
            if (cluster.IsInvalid)
            {
                throw new InvalidOperationException($"librdkafka could not start a mock cluster of {brokers} broker(s).");
            }

            cluster.KeepAlive(host);
            var bootstrapServers = Marshal.PtrToStringUTF8(MockClusterNative.MockClusterBootstraps(cluster));
            if (string.IsNullOrEmpty(bootstrapServers))
            {
                throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
            }

            return new EmbeddedKafkaCluster(host, cluster, bootstrapServers, brokers);
        }
        catch
        {
            cluster?.Dispose();
            host.Dispose();
            throw;
        }
    }

    /// <exception cref="KafkaException">The mock refused, e.g. <see cref="ErrorCode.TopicAlreadyExists"/>.</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        ThrowIfDisposed();

        ThrowOnError(
            MockClusterNative.MockTopicCreate(_cluster, name, partitions, replicationFactor),
            $"create topic '{name}' with {partitions} partition(s) and replication factor {replicationFactor}");
    }

    public void CreateTopics(IEnumerable<(string Name, int Partitions)> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var (name, partitions) in topics)
        {
            CreateTopic(name, partitions);
        }
    }

    /// <summary>Disconnects the broker and refuses new connections; partition leadership does not move.</summary>
    public void SetBrokerDown(int brokerId)
    {
        ThrowIfUnknownBroker(brokerId);
        ThrowIfDisposed();
        ThrowOnError(MockClusterNative.MockBrokerSetDown(_cluster, brokerId), $"take broker {brokerId} down");
    }

    public void SetBrokerUp(int brokerId)
    {
        ThrowIfUnknownBroker(brokerId);
        ThrowIfDisposed();
        ThrowOnError(MockClusterNative.MockBrokerSetUp(_cluster, brokerId), $"bring broker {brokerId} up");
    }

    /// <summary>Delays every response from the broker by <paramref name="rtt"/> (millisecond resolution).</summary>
    public void SetBrokerRtt(int brokerId, TimeSpan rtt)
    {
        ThrowIfUnknownBroker(brokerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(rtt, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rtt, TimeSpan.FromMilliseconds(int.MaxValue));
        ThrowIfDisposed();

        ThrowOnError(
            MockClusterNative.MockBrokerSetRtt(_cluster, brokerId, (int)rtt.TotalMilliseconds),
            $"set the round-trip time of broker {brokerId}");
    }

    /// <summary>
    /// Makes the next <c>errors.Length</c> requests of the Kafka protocol type <paramref name="apiKey"/>
    /// (e.g. 0 = Produce, 1 = Fetch, 3 = Metadata), on any broker, fail with these errors in order.
    /// <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection instead.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(apiKey);
        ArgumentNullException.ThrowIfNull(errors);
        ThrowIfDisposed();

        // Confluent's ErrorCode values are librdkafka's rd_kafka_resp_err_t values, and both are int-sized.
        MockClusterNative.MockPushRequestErrorsArray(
            _cluster, apiKey, (nuint)errors.Length, MemoryMarshal.Cast<ErrorCode, int>(errors.AsSpan()));
    }

    /// <summary>
    /// Makes the mock answer with <paramref name="error"/> for <paramref name="topic"/> where it supports topic
    /// errors (Metadata and AddPartitionsToTxn responses); <see cref="ErrorCode.NoError"/> clears it.
    /// </summary>
    public void SetTopicError(string topic, ErrorCode error)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ThrowIfDisposed();
        MockClusterNative.MockTopicSetError(_cluster, topic, (int)error);
    }

    /// <summary>Moves a partition's leadership (creating the topic if it is unknown); -1 leaves it leaderless.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        if (brokerId != -1)
        {
            ThrowIfUnknownBroker(brokerId);
        }

        ThrowIfDisposed();
        ThrowOnError(
            MockClusterNative.MockPartitionSetLeader(_cluster, topic, partition, brokerId),
            $"make broker {brokerId} the leader of {topic} [{partition}]");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The cluster holds a reference on the host, so the host is destroyed after the cluster even though
        // both are disposed here; a call still in flight on another thread delays both until it returns.
        _cluster.Dispose();
        _host.Dispose();
    }

    /// <summary>
    /// A producer handle that exists only to own the mock cluster: it has no bootstrap servers and never
    /// connects, so its configuration warnings would be noise.
    /// </summary>
    private static unsafe KafkaHandle CreateQuietHost()
    {
        var error = stackalloc byte[ErrorBufferSize];
        var conf = MockClusterNative.ConfNew();
        KafkaHandle? host = null;
        try
        {
            if (MockClusterNative.ConfSet(conf, "log_level", "0", error, ErrorBufferSize) != MockClusterNative.ConfOk)
            {
                throw new InvalidOperationException($"librdkafka rejected log_level: {ReadError(error)}");
            }

            host = MockClusterNative.New(MockClusterNative.ProducerType, conf, error, ErrorBufferSize);
            if (host.IsInvalid)
            {
                throw new InvalidOperationException($"librdkafka could not create a client handle: {ReadError(error)}");
            }

            return host;
        }
        catch
        {
            // Only a successful rd_kafka_new takes ownership of the configuration.
            if (host is null || host.IsInvalid)
            {
                MockClusterNative.ConfDestroy(conf);
            }

            host?.Dispose();
            throw;
        }
    }

    private static unsafe string ReadError(byte* error) =>
        Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(error));

    private static void ThrowOnError(int error, string action)
    {
        if (error != MockClusterNative.NoError)
        {
            var code = (ErrorCode)error;
            throw new KafkaException(new Error(code, $"The mock cluster could not {action}: {code} ({error})."));
        }
    }

    private void ThrowIfUnknownBroker(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(brokerId), brokerId, $"Broker ids run from 1 to {BrokerCount}.");
        }
    }

    // A Dispose racing past this check is still safe: the SafeHandle marshalling then throws
    // ObjectDisposedException itself instead of touching freed memory.
    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
