using JourneyMapper.Streams.Processors;

namespace JourneyMapper.Streams.Errors;

/// <summary>Where a failed record came from, for handlers and logs (never the record's content).</summary>
public sealed record ErrorHandlerContext(TaskId TaskId, string Topic, int Partition, long Offset);
