using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace JourneyMapper.Tools.Kafka;

/// <summary>
/// librdkafka's mock cluster API (<c>rdkafka_mock.h</c>), which Confluent.Kafka does not expose.
/// Signatures follow librdkafka 2.0.2; <c>rd_kafka_resp_err_t</c> and the other C enums are <c>int</c>.
/// </summary>
internal static partial class MockClusterNative
{
    // Debian ships only the versioned name; the same soname is what Confluent.Kafka is pointed at, so both
    // share one loaded copy of the library.
    private const string Library = "librdkafka.so.1";

    /// <summary><c>RD_KAFKA_PRODUCER</c>: a producer handle has no group machinery, so it stays idle.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    /// <summary><c>RD_KAFKA_RESP_ERR_NO_ERROR</c>.</summary>
    internal const int NoError = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    /// <remarks>Takes ownership of <paramref name="conf"/> only when it succeeds.</remarks>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static unsafe partial KafkaHandle New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial MockClusterHandle MockClusterNew(KafkaHandle rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint mcluster);

    /// <remarks>The string is owned by the cluster: copy it, never free it.</remarks>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint MockClusterBootstraps(MockClusterHandle mcluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(MockClusterHandle mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int MockBrokerSetDown(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int MockBrokerSetUp(MockClusterHandle mcluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    internal static partial int MockBrokerSetRtt(MockClusterHandle mcluster, int brokerId, int rttMs);

    // The variadic rd_kafka_mock_push_request_errors cannot be called portably through P/Invoke.
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void MockPushRequestErrorsArray(MockClusterHandle mcluster, short apiKey, nuint count, ReadOnlySpan<int> errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void MockTopicSetError(MockClusterHandle mcluster, string topic, int error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockPartitionSetLeader(MockClusterHandle mcluster, string topic, int partition, int brokerId);
}

/// <summary>An <c>rd_kafka_t</c>.</summary>
internal sealed class KafkaHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public KafkaHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        MockClusterNative.Destroy(handle);
        return true;
    }
}

/// <summary>An <c>rd_kafka_mock_cluster_t</c>, which must be destroyed before the <c>rd_kafka_t</c> it was made on.</summary>
internal sealed class MockClusterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private KafkaHandle? _host;

    public MockClusterHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>
    /// Holds a reference on the host so that, whatever order the two are disposed or finalized in, the host
    /// is destroyed only after this cluster.
    /// </summary>
    internal void KeepAlive(KafkaHandle host)
    {
        var added = false;
        host.DangerousAddRef(ref added);
        _host = host;
    }

    protected override bool ReleaseHandle()
    {
        MockClusterNative.MockClusterDestroy(handle);
        _host?.DangerousRelease();
        return true;
    }
}
