using Confluent.Kafka;

namespace JourneyMapper.Streams.Runtime;

public static class HeadersCopy
{
    /// <summary>
    /// A new header list with the same entries: what a producer has once it sends, so later changes to the
    /// original (by a sibling processor, or a test reusing it) cannot reach a record already written.
    /// </summary>
    public static Headers Copy(this Headers? headers)
    {
        var copy = new Headers();
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                copy.Add(header.Key, header.GetValueBytes());
            }
        }

        return copy;
    }
}
