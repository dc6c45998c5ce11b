using System.Buffers;
using System.Globalization;
using System.Text;
using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Hashing;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Segments;

/// <summary>Classifies a session and writes it out as the <see cref="JourneySegment"/> of SPEC.md. One per task: not thread-safe.</summary>
public sealed class SegmentBuilder(SessionClassifier classifier, SessionOptions options)
{
    private readonly SessionFeatureView _view = new();
    private SessionFeatures? _features;

    public SegmentClassification Classify(JourneySession session, ProfileSnapshot? profile) => classifier.Classify(FeaturesOf(session, profile));

    /// <summary>Whether the rules read the profile: when they do not, <see cref="PrimarySegment"/> needs none.</summary>
    internal bool RulesReadProfile => classifier.ReadsProfile;

    /// <summary>The primary segment <see cref="Classify"/> would give, at a fraction of the cost: for open sessions, on every event.</summary>
    public string PrimarySegment(JourneySession session, ProfileSnapshot? profile) => classifier.PrimarySegment(FeaturesOf(session, profile));

    // One view for every session: the classifier copies out what it reports, and the builder serves one task.
    private SessionFeatures FeaturesOf(JourneySession session, ProfileSnapshot? profile)
    {
        _view.Session = session;
        _features ??= new SessionFeatures(_view, profile);
        _features.Profile = profile;
        return _features;
    }

    public JourneySegment Build(string customerId, JourneySession session, ProfileSnapshot? profile, int revision, ClosedBy? closedBy) =>
        Build(customerId, session, Classify(session, profile), profile, revision, closedBy);

    public JourneySegment Build(
        string customerId, JourneySession session, SegmentClassification classification, ProfileSnapshot? profile, int revision, ClosedBy? closedBy)
    {
        ref var entries = ref session.Log;
        var eventIds = EventIdList.From(entries, Math.Min(entries.Count, options.MaxEventIds));
        var path = EventTypeList.From(entries, Math.Min(entries.Count, options.MaxPathLength));

        return new JourneySegment
        {
            SessionId = SessionId(customerId, session.Start),
            UserId = session.UserId,
            AnonymousId = session.AnonymousId,
            Start = session.Start,
            End = session.End,
            EventCount = session.EventCount,
            EventIds = eventIds,
            Truncated = session.EventCount > Math.Min(eventIds.Count, path.Count),
            Path = path,
            Features = classification.Features,
            PrimarySegment = classification.PrimarySegment,
            Segments = classification.Segments,
            Profile = profile,
            Revision = revision,
            ClosedBy = closedBy,
        };
    }

    /// <summary>
    /// The customer and the session's first event time identify a closed session: the same input gives the same id on
    /// any instance and in any replay. Hashed, so that the id does not spell out the customer.
    /// </summary>
    public static string SessionId(string customerId, long start)
    {
        // The UTF-8 of "{customerId}\n{start}", written where it is hashed: a segment is built per close and per update.
        var length = Encoding.UTF8.GetMaxByteCount(customerId.Length) + 1 + 20;
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var text = rented ?? stackalloc byte[length];
        var written = Encoding.UTF8.GetBytes(customerId, text);
        text[written++] = (byte)'\n';
        start.TryFormat(text[written..], out var digits, provider: CultureInfo.InvariantCulture);
        Span<byte> hash = stackalloc byte[Sha256.HashSize];
        Sha256.HashData(text[..(written + digits)], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(hash[..16]);
    }
}
