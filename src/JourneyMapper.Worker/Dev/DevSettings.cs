using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Configuration;

namespace JourneyMapper.Worker.Dev;

/// <summary>What the <c>dev</c> command set up for its hosted services.</summary>
public sealed record DevSettings(string BootstrapServers, double EventsPerSecond, ClickstreamGeneratorOptions Generator)
{
    /// <summary>How the generator writes and the printer reads records: the service's own format.</summary>
    public SerializationFormat Format { get; init; } = SerializationFormat.Avro;
}
