using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams.Kafka;

/// <summary>
/// An <see cref="IRestoreConsumer"/> on librdkafka's batch consume (<c>rd_kafka_consume_batch_queue</c>), which
/// Confluent.Kafka 1.9.3 does not offer: one call takes every message the client has queued, and each is read where
/// librdkafka holds it. Confluent.Kafka's per-message <c>Consume</c> copies every key and value into new arrays and
/// builds a result object around them, which cost a restore about as much CPU as storing the record (BENCHMARKS.md).
/// Not thread-safe, except that a batch may be disposed on any thread; every batch must be disposed before the consumer.
/// </summary>
public sealed unsafe class BatchRestoreConsumer : IRestoreConsumer
{
    private const int BatchCapacity = 1024;
    private const int ErrorBufferSize = 512;

    private readonly nint _rk;
    private readonly nint _queue;
    private readonly Action<LogMessage>? _logHandler;
    private readonly ConcurrentQueue<NativeChangelogBatch> _freeBatches = new();
    private readonly Dictionary<nint, string> _topicNames = [];

    // Made once: a method group passed as a delegate is a new delegate at every call, and this one goes with every batch.
    private readonly Func<nint, string> _topicNameOf;
    private GCHandle _self;
    private bool _disposed;

    /// <param name="config">librdkafka's settings; Confluent.Kafka's own (<c>dotnet.*</c>) do not apply and are skipped.</param>
    /// <param name="logHandler">Where librdkafka's log lines go; none, and librdkafka writes them to stderr.</param>
    public BatchRestoreConsumer(ConsumerConfig config, Action<LogMessage>? logHandler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        KafkaNativeLibrary.EnsureLoaded();
        _logHandler = logHandler;
        _topicNameOf = TopicName;
        var error = stackalloc byte[ErrorBufferSize];
        var conf = LibRdKafka.ConfNew();
        _self = GCHandle.Alloc(this);
        try
        {
            foreach (var (key, value) in config)
            {
                if (value is null || key.StartsWith("dotnet.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (LibRdKafka.ConfSet(conf, key, value, error, ErrorBufferSize) != LibRdKafka.ConfOk)
                {
                    throw new ArgumentException($"The Kafka client setting '{key}' is not accepted: {LibRdKafka.Text(error)}", nameof(config));
                }
            }

            LibRdKafka.ConfSetOpaque(conf, GCHandle.ToIntPtr(_self));
            if (logHandler is not null)
            {
                LibRdKafka.ConfSetLogCallback(conf, &OnLog);
            }

            _rk = LibRdKafka.New(LibRdKafka.ConsumerType, conf, error, ErrorBufferSize);
            if (_rk == 0)
            {
                throw new InvalidOperationException($"librdkafka could not create the restore consumer: {LibRdKafka.Text(error)}");
            }
        }
        catch
        {
            LibRdKafka.ConfDestroy(conf);
            _self.Free();
            throw;
        }

        Check(LibRdKafka.PollSetConsumer(_rk));
        _queue = LibRdKafka.QueueGetConsumer(_rk);
    }

    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Check(LibRdKafka.QueryWatermarkOffsets(_rk, partition.Topic, partition.Partition.Value, out var low, out var high, Milliseconds(timeout)));
        return new WatermarkOffsets(low, high);
    }

    public void Assign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = LibRdKafka.PartitionListNew(16);
        try
        {
            foreach (var partition in partitions)
            {
                LibRdKafka.PartitionListAdd(list, partition.Topic, partition.Partition.Value)->Offset = partition.Offset.Value;
            }

            Check(LibRdKafka.Assign(_rk, list));
        }
        finally
        {
            LibRdKafka.PartitionListDestroy(list);
        }
    }

    public void Unassign()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Check(LibRdKafka.Assign(_rk, 0));
    }

    public Offset Position(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = LibRdKafka.PartitionListNew(1);
        try
        {
            var entry = LibRdKafka.PartitionListAdd(list, partition.Topic, partition.Partition.Value);
            Check(LibRdKafka.Position(_rk, list));
            return new Offset(entry->Offset);
        }
        finally
        {
            LibRdKafka.PartitionListDestroy(list);
        }
    }

    public IChangelogBatch Consume(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var batch = _freeBatches.TryDequeue(out var free) ? free : new NativeChangelogBatch(_freeBatches, BatchCapacity);
        var messages = batch.Messages;

        // A batch call returns only when the batch is full or the time is up, so waiting goes into a call for one
        // message and the rest are taken without waiting: whatever has arrived is handed on at once.
        var count = Take(messages, BatchCapacity, 0);
        if (count == 0 && Take(messages, 1, Milliseconds(timeout)) == 1)
        {
            count = 1 + Take(messages + 1, BatchCapacity - 1, 0);
        }

        batch.Fill(count, _topicNameOf);
        return batch;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LibRdKafka.QueueDestroy(_queue);
        _ = LibRdKafka.ConsumerClose(_rk);
        LibRdKafka.Destroy(_rk);
        _self.Free();
    }

    private int Take(LibRdKafka.Message** messages, int capacity, int timeoutMs)
    {
        var taken = LibRdKafka.ConsumeBatchQueue(_queue, timeoutMs, messages, (nuint)capacity);
        return taken >= 0 ? (int)taken : throw new InvalidOperationException("librdkafka refused to consume from the restore consumer's queue");
    }

    private string TopicName(nint topic)
    {
        if (!_topicNames.TryGetValue(topic, out var name))
        {
            name = LibRdKafka.Text(LibRdKafka.TopicName(topic));
            _topicNames[topic] = name;
        }

        return name;
    }

    private static int Milliseconds(TimeSpan timeout) => (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);

    private static void Check(int error)
    {
        if (error != LibRdKafka.NoError)
        {
            throw new KafkaException((ErrorCode)error);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        try
        {
            if (GCHandle.FromIntPtr(LibRdKafka.Opaque(rk)).Target is BatchRestoreConsumer { _logHandler: { } handler })
            {
                handler(new LogMessage(LibRdKafka.Text(LibRdKafka.Name(rk)), (SyslogLevel)level, LibRdKafka.Text(facility), LibRdKafka.Text(message)));
            }
        }
#pragma warning disable CA1031 // an exception must not unwind into librdkafka's own thread: it would end the process
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
