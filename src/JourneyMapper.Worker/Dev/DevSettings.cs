using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Configuration;

namespace JourneyMapper.Worker.Dev;

/// <summary>What the <c>dev</c> command set up for its hosted services.</summary>
public sealed record DevSettings(string BootstrapServers, double EventsPerSecond, ClickstreamGeneratorOptions Generator)
{
    /// <summary>The in-process schema registry's URL.</summary>
    public string? SchemaRegistryUrl { get; init; }

    public SerializationFormat Format { get; init; } = SerializationFormat.Avro;
}
