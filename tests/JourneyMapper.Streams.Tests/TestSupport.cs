using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyMapper.Streams.Tests;

/// <summary>Shared helpers: configs, string topics and readable views of headers and records.</summary>
internal static class TestSupport
{
    public const string ApplicationId = "streams-tests";

    public static LogAndContinueExceptionHandler Continue { get; } =
        new(NullLogger<LogAndContinueExceptionHandler>.Instance);

    public static LogAndFailExceptionHandler Fail { get; } =
        new(NullLogger<LogAndFailExceptionHandler>.Instance);

    public static StreamsConfig Config(
        string? deadLetterQueueTopic = null,
        IDeserializationExceptionHandler? deserializationHandler = null,
        IProcessingExceptionHandler? processingHandler = null) => new()
        {
            ApplicationId = ApplicationId,
            BootstrapServers = "unused:9092",
            DeadLetterQueueTopic = deadLetterQueueTopic,
            DeserializationExceptionHandler = deserializationHandler ?? Fail,
            ProcessingExceptionHandler = processingHandler ?? Fail,
        };

    public static TestInputTopic<string, string> StringInput(this TopologyTestDriver driver, string topic) =>
        driver.CreateInputTopic(topic, Serializers.Utf8, Serializers.Utf8);

    public static TestOutputTopic<string, string> StringOutput(this TopologyTestDriver driver, string topic) =>
        driver.CreateOutputTopic(topic, Deserializers.Utf8, Deserializers.Utf8);

    public static TestOutputTopic<byte[], byte[]> BytesOutput(this TopologyTestDriver driver, string topic) =>
        driver.CreateOutputTopic(topic, Deserializers.ByteArray, Deserializers.ByteArray);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static Headers Headers(params (string Key, string Value)[] entries)
    {
        var headers = new Headers();
        foreach (var (key, value) in entries)
        {
            headers.Add(key, Utf8(value));
        }

        return headers;
    }

    /// <summary>Headers as (key, text) pairs in order, so whole header lists compare with one assertion.</summary>
    public static List<(string Key, string Value)> Pairs(this Headers headers) =>
        headers.Select(header => (header.Key, Encoding.UTF8.GetString(header.GetValueBytes()))).ToList();

    /// <summary>Key, value and timestamp, the parts of a record that have value equality.</summary>
    public static (TKey Key, TValue Value, long Timestamp) Kvt<TKey, TValue>(this TestRecord<TKey, TValue> record) =>
        (record.Key, record.Value, record.Timestamp);

    public static List<(TKey Key, TValue Value, long Timestamp)> ReadAll<TKey, TValue>(this TestOutputTopic<TKey, TValue> topic) =>
        topic.ReadRecordsToList().Select(Kvt).ToList();
}

/// <summary>
/// Captures every send of a task, whatever the topic: the driver only shows topics one asks for by name,
/// and "nothing was written anywhere" needs the whole picture.
/// </summary>
internal sealed class RecordingCollector : IRecordCollector
{
    public List<(string Topic, byte[]? Key, byte[]? Value)> Sent { get; } = [];

    public void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp, int? partition = null) => Sent.Add((topic, key, value));

    /// <summary>A task wired as the test driver wires it, but reporting to this collector.</summary>
    public StreamTask TaskFor(Topology topology, StreamsConfig config)
    {
        var task = new StreamTask(new TaskId(0, 0), topology, config, this, TimeProvider.System, new StreamsMetrics());
        task.Initialize();
        return task;
    }

    public static ConsumeResult<byte[], byte[]> Raw(string topic, long offset, byte[]? key, byte[]? value) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(topic, 0, offset),
        Message = new Message<byte[], byte[]>
        {
            Key = key!,
            Value = value!,
            Timestamp = new Timestamp(1, TimestampType.CreateTime),
            Headers = [],
        },
    };
}
