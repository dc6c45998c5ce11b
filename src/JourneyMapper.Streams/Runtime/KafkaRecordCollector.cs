using Confluent.Kafka;
using JourneyMapper.Streams.Errors;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Sends task output through the thread's producer. A delivery that fails after the client's own retries
/// is kept and surfaces at the next check, before any offset is committed: at-least-once never commits
/// input whose output was lost.
/// </summary>
internal sealed class KafkaRecordCollector : IRecordCollector
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(50);

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private volatile Error? _firstFailure;
    private string? _firstFailureTopic;

    public KafkaRecordCollector(IProducer<byte[]?, byte[]?> producer)
    {
        _producer = producer;
        _onDelivery = OnDelivery;
    }

    public void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp, int? partition = null)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Headers = headers,
            Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
        };
        while (true)
        {
            try
            {
                if (partition is { } fixedPartition)
                {
                    _producer.Produce(new TopicPartition(topic, fixedPartition), message, _onDelivery);
                }
                else
                {
                    _producer.Produce(topic, message, _onDelivery);
                }

                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue drains as the brokers acknowledge; waiting here is the back-pressure.
                _producer.Poll(QueueFullBackoff);
            }
        }
    }

    /// <summary>Waits until every sent record is acknowledged, then reports any failed delivery.</summary>
    public void Flush(CancellationToken cancellationToken = default)
    {
        _producer.Flush(cancellationToken);
        ThrowIfFailed();
    }

    public void ThrowIfFailed()
    {
        if (_firstFailure is { } error)
        {
            throw new StreamsException($"sending to topic '{_firstFailureTopic}' failed: {error.Code}: {error.Reason}");
        }
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError && _firstFailure is null)
        {
            _firstFailureTopic = report.Topic;
            _firstFailure = report.Error;
        }
    }
}
