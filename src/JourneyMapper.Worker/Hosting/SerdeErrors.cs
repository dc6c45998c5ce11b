using JourneyMapper.Serialization.AvroSerdes;

namespace JourneyMapper.Worker.Hosting;

/// <summary>
/// What the serdes' exceptions mean to the stream runtime, which knows no serde: an unreachable schema registry
/// passes (the record is retried, never dead-lettered), and an unreadable record is dead-lettered under the serde's
/// own reason (<c>unknown-schema-id</c>, <c>malformed-body</c>, ...).
/// </summary>
public static class SerdeErrors
{
    /// <summary><paramref name="retriable"/> (the runtime's default), and transient serde failures too.</summary>
    public static Func<Exception, bool> AlsoRetrying(Func<Exception, bool> retriable)
    {
        ArgumentNullException.ThrowIfNull(retriable);
        return exception => exception is TransientSerdeException || retriable(exception);
    }

    /// <summary>For <c>StreamsConfig.ErrorCodeOf</c>: the Avro serde's code, else null (the runtime's default code).</summary>
    public static string? CodeOf(Exception exception) => exception is AvroSerdeException avro ? avro.Code : null;
}
