namespace JourneyMapper.Journeys.Sessions;

/// <summary>One event as a session remembers it for its path and event ids.</summary>
public readonly record struct SessionEntry(long Timestamp, string EventId, string EventType);
