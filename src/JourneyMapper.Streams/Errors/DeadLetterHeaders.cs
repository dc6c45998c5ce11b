using System.Globalization;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams.Errors;

/// <summary>
/// The headers a dead-lettered record carries, named as Kafka Streams' own dead-letter queue names them
/// (KIP-1034), plus a short machine-readable error code.
/// </summary>
public static class DeadLetterHeaders
{
    public const string ErrorCode = "__streams.errors.code";
    public const string Exception = "__streams.errors.exception";
    public const string Message = "__streams.errors.message";
    public const string StackTrace = "__streams.errors.stacktrace";
    public const string Topic = "__streams.errors.topic";
    public const string Partition = "__streams.errors.partition";
    public const string Offset = "__streams.errors.offset";

    /// <summary>The original headers followed by the error headers.</summary>
    public static Headers Create(Headers? original, string errorCode, string message, Exception? exception, string topic, int partition, long offset)
    {
        var headers = original.Copy();
        Add(headers, ErrorCode, errorCode);
        Add(headers, Message, message);
        if (exception is not null)
        {
            Add(headers, Exception, exception.GetType().FullName ?? exception.GetType().Name);
            Add(headers, StackTrace, exception.ToString());
        }

        Add(headers, Topic, topic);
        Add(headers, Partition, partition.ToString(CultureInfo.InvariantCulture));
        Add(headers, Offset, offset.ToString(CultureInfo.InvariantCulture));
        return headers;
    }

    /// <summary>Reads a header as text, or null when absent.</summary>
    public static string? Get(Headers headers, string key) =>
        headers.TryGetLastBytes(key, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static void Add(Headers headers, string key, string value) => headers.Add(key, Encoding.UTF8.GetBytes(value));
}
