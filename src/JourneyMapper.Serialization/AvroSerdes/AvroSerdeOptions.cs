using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary>How an <see cref="AvroSerde{T}"/> uses the schema registry; defaults follow Confluent's serializers.</summary>
public sealed record AvroSerdeOptions
{
    /// <summary>
    /// Confluent's <c>auto.register.schemas</c>: the serializer registers its schema under the subject (finding the
    /// id when it is already there). When false it only looks the id up, and fails if the schema is not registered:
    /// for production subjects whose schemas are registered by a deployment step, not by producers.
    /// </summary>
    public bool AutoRegisterSchemas { get; init; } = true;

    /// <summary>Subject for (topic, isKey); Confluent's TopicNameStrategy (<c>&lt;topic&gt;-value</c>, <c>&lt;topic&gt;-key</c>) by default.</summary>
    public Func<string, bool, string> SubjectName { get; init; } = SubjectNameStrategy.TopicName;
}
