using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using JourneyMapper.Streams.Runtime;

namespace JourneyMapper.Streams.Kafka;

/// <summary>
/// Messages taken from librdkafka by one <see cref="BatchRestoreConsumer.Consume"/>, held until disposed. Disposing gives
/// the messages back to librdkafka, which frees each fetched buffer once no message points into it, and puts the batch
/// back in its consumer's pool.
/// </summary>
internal sealed unsafe class NativeChangelogBatch(ConcurrentQueue<NativeChangelogBatch> pool, int capacity) : IChangelogBatch
{
    // Pinned: librdkafka writes the message pointers straight into it.
    private readonly nint[] _messages = GC.AllocateArray<nint>(capacity, pinned: true);
    private readonly string[] _topics = new string[capacity];
    private bool _held;

    public int Count { get; private set; }

    public LibRdKafka.Message** Messages => (LibRdKafka.Message**)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_messages));

    public ChangelogRecord this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var message = Messages[index];
            return new ChangelogRecord(
                _topics[index],
                message->Partition,
                message->Offset,
                new ReadOnlySpan<byte>(message->Key, (int)message->KeyLength),
                new ReadOnlySpan<byte>(message->Payload, (int)message->Length),
                message->Payload == null);
        }
    }

    /// <summary>
    /// Takes in the <paramref name="taken"/> messages librdkafka wrote: records stay, an end-of-partition notice goes,
    /// and an error gives everything back and throws.
    /// </summary>
    public void Fill(int taken, Func<nint, string> topicName)
    {
        _held = true;
        var messages = Messages;
        var kept = 0;
        for (var i = 0; i < taken; i++)
        {
            var message = messages[i];
            if (message->Error == LibRdKafka.NoError)
            {
                _topics[kept] = topicName(message->Topic);
                messages[kept++] = message;
                continue;
            }

            if (message->Error != LibRdKafka.PartitionEof)
            {
                var error = new Error((ErrorCode)message->Error, LibRdKafka.Text(LibRdKafka.MessageErrorString(message)));
                Release(messages, i, taken);
                Count = kept;
                Dispose();
                throw new KafkaException(error);
            }

            LibRdKafka.MessageDestroy(message);
        }

        Count = kept;
    }

    public void Dispose()
    {
        if (!_held)
        {
            return;
        }

        _held = false;
        Release(Messages, 0, Count);
        Count = 0;
        pool.Enqueue(this);
    }

    private static void Release(LibRdKafka.Message** messages, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            LibRdKafka.MessageDestroy(messages[i]);
        }
    }
}
