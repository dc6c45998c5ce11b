using System.Runtime.InteropServices;

namespace JourneyMapper.Streams.Kafka;

/// <summary>
/// The part of librdkafka's C API (<c>rdkafka.h</c>) that Confluent.Kafka 1.9.3 does not expose: consuming a batch of
/// messages in one call and reading them in place. Layouts and signatures follow librdkafka 2.0.2; C enums are <c>int</c>.
/// </summary>
internal static unsafe partial class LibRdKafka
{
    // The name Confluent.Kafka asks for, so that KafkaNativeLibrary's resolver hands both the same loaded copy.
    private const string Library = "librdkafka";

    public const int ConsumerType = 1;
    public const int ConfOk = 0;
    public const int NoError = 0;
    public const int PartitionEof = -191;

    /// <summary><c>rd_kafka_message_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Message
    {
        public int Error;
        public nint Topic;
        public int Partition;
        public byte* Payload;
        public nuint Length;
        public byte* Key;
        public nuint KeyLength;
        public long Offset;
        public nint Private;
    }

    /// <summary><c>rd_kafka_topic_partition_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TopicPartition
    {
        public nint Topic;
        public int Partition;
        public long Offset;
        public nint Metadata;
        public nuint MetadataSize;
        public nint Opaque;
        public int Error;
        public nint Private;
    }

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_opaque")]
    public static partial void ConfSetOpaque(nint conf, nint opaque);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_log_cb")]
    public static partial void ConfSetLogCallback(nint conf, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> callback);

    /// <remarks>Takes ownership of <paramref name="conf"/> only when it succeeds.</remarks>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial nint New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_opaque")]
    public static partial nint Opaque(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_name")]
    public static partial byte* Name(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_poll_set_consumer")]
    public static partial int PollSetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_get_consumer")]
    public static partial nint QueueGetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(nint queue);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_close")]
    public static partial int ConsumerClose(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_query_watermark_offsets", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int QueryWatermarkOffsets(nint rk, string topic, int partition, out long low, out long high, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    public static partial nint PartitionListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    public static partial TopicPartition* PartitionListAdd(nint list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    public static partial void PartitionListDestroy(nint list);

    [LibraryImport(Library, EntryPoint = "rd_kafka_assign")]
    public static partial int Assign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_position")]
    public static partial int Position(nint rk, nint partitions);

    /// <returns>The number of messages put into <paramref name="messages"/>, or -1.</returns>
    [LibraryImport(Library, EntryPoint = "rd_kafka_consume_batch_queue")]
    public static partial nint ConsumeBatchQueue(nint queue, int timeoutMs, Message** messages, nuint size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_destroy")]
    public static partial void MessageDestroy(Message* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_errstr")]
    public static partial byte* MessageErrorString(Message* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_name")]
    public static partial byte* TopicName(nint rkt);

    public static string Text(byte* utf8) => Marshal.PtrToStringUTF8((nint)utf8) ?? string.Empty;
}
