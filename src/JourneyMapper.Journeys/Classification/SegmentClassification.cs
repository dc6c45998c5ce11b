using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// How a session was classified.
/// <paramref name="PrimarySegment"/> is the segment of the first rule that matched, or the default segment when none did.
/// <paramref name="Segments"/> holds every segment that matched, once each, in priority order, with the first rule that
/// gave it. <paramref name="Features"/> holds the features those rules read (name to value, absent ones as 0): the
/// numbers behind the labels, for the segment's <c>features</c>.
/// </summary>
public sealed record SegmentClassification(string PrimarySegment, IReadOnlyList<SegmentMatch> Segments, IReadOnlyDictionary<string, double> Features);
