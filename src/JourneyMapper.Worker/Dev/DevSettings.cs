using JourneyMapper.Tools.Generator;

namespace JourneyMapper.Worker.Dev;

/// <summary>What the <c>dev</c> command set up for its hosted services.</summary>
public sealed record DevSettings(string BootstrapServers, double EventsPerSecond, ClickstreamGeneratorOptions Generator);
