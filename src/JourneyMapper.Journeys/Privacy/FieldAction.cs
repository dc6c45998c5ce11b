namespace JourneyMapper.Journeys.Privacy;

/// <summary>What happens to one personal field of a ClickEvent before it is stored or emitted.</summary>
public enum FieldAction
{
    /// <summary>The value goes through unchanged.</summary>
    Keep,

    /// <summary>The value is removed (null).</summary>
    Drop,

    /// <summary>
    /// The value is replaced by a keyed hash (see <see cref="PrivacyFilter.Hash"/>): equal inputs still compare equal,
    /// across restarts and instances, so a hashed device id can still link events; the raw value cannot be read back.
    /// </summary>
    Hash,
}
