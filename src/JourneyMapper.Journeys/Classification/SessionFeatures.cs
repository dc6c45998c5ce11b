using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Classification;

/// <summary>
/// What a rule sees of a session: its features by <see cref="FeatureNames"/> name and the joined profile.
/// The classifier reads <see cref="Values"/> during <see cref="SessionClassifier.Classify"/> and copies out the values
/// it reports, so a caller may pass a view it reuses for the next session.
/// </summary>
public sealed class SessionFeatures
{
    public SessionFeatures(IReadOnlyDictionary<string, double> values, ProfileSnapshot? profile)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Profile = profile;
    }

    /// <summary>Feature name to value; a name that is absent reads as 0.</summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>The joined profile, or null for anonymous visitors and customers without one.</summary>
    /// <remarks>Settable inside the assembly, so that a segment builder reuses one instance over its view for every session.</remarks>
    public ProfileSnapshot? Profile { get; internal set; }
}
