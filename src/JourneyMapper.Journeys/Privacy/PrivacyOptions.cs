namespace JourneyMapper.Journeys.Privacy;

/// <summary>
/// Section <c>JourneyMapper:Privacy</c>: how the personal fields of every ClickEvent are handled before anything is
/// stored or emitted. The personal fields are the ones that identify a person or a device outside this service
/// (ipAddress, userAgent, deviceId) and the ones that can carry personal data in free text (pageUrl and referrer
/// query strings, property values). userId and anonymousId are not handled here: they are the keys sessions and
/// the profile join are built on, and hashing them would break the join with <c>customer.profiles</c>.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "JourneyMapper:Privacy";

    /// <summary>A <see cref="PropertiesWhitelist"/> entry that keeps every property key.</summary>
    public const string AllProperties = "*";

    /// <summary>A shorter salt is guessable; the HMAC is only as secret as its key.</summary>
    public const int MinSaltLength = 16;

    /// <summary>
    /// Used only when <see cref="UseDevelopmentSalt"/> is set and no <see cref="Salt"/> is: it is public, so hashes
    /// made with it protect nothing (every IPv4 address can be hashed with it in minutes). For dev and tests only.
    /// </summary>
    public const string DevelopmentSalt = "journeymapper-development-salt-not-a-secret";

    /// <summary>
    /// Properties kept when <see cref="PropertiesWhitelist"/> is not configured: amounts, counts and closed
    /// vocabularies the journey rules can use. Left out on purpose: free text a visitor typed (<c>query</c>: people
    /// search for names, e-mail addresses and order numbers) and ids that link to a person in another system
    /// (<c>orderId</c>, <c>emailId</c>).
    /// </summary>
    public static IReadOnlyList<string> DefaultPropertiesWhitelist { get; } =
        ["currency", "price", "quantity", "value", "items", "category", "results", "topic", "medium", "rating"];

    public FieldAction IpAddress { get; set; } = FieldAction.Hash;

    public FieldAction UserAgent { get; set; } = FieldAction.Keep;

    public FieldAction DeviceId { get; set; } = FieldAction.Keep;

    public FieldAction PageUrl { get; set; } = FieldAction.Keep;

    public FieldAction Referrer { get; set; } = FieldAction.Keep;

    /// <summary><see cref="FieldAction.Keep"/> keeps the whitelisted keys, <see cref="FieldAction.Drop"/> drops every property; values are never hashed.</summary>
    public FieldAction Properties { get; set; } = FieldAction.Keep;

    /// <summary>
    /// Property keys kept (exact, case-sensitive); all others are dropped. Null means
    /// <see cref="DefaultPropertiesWhitelist"/>: a configured list replaces the default rather than adding to it,
    /// and <c>["*"]</c> keeps every key. (Configuration cannot express an empty list: use <c>Properties: Drop</c>.)
    /// </summary>
    public IReadOnlyList<string>? PropertiesWhitelist { get; set; }

    /// <summary>
    /// The HMAC key for hashed fields (its UTF-8 bytes). A secret: required when any field is hashed, never logged,
    /// and the same on every instance and across restarts so hashed values stay joinable. Changing it changes every hash.
    /// </summary>
    public string? Salt { get; set; }

    /// <summary>The host's explicit opt-in (the <c>dev</c> command, tests) to <see cref="DevelopmentSalt"/> when no salt is set.</summary>
    public bool UseDevelopmentSalt { get; set; }

    /// <summary>Hides the salt, which a default ToString would not print either, so options can be logged safely.</summary>
    public override string ToString() =>
        $"IpAddress={IpAddress}, UserAgent={UserAgent}, DeviceId={DeviceId}, PageUrl={PageUrl}, Referrer={Referrer}, " +
        $"Properties={Properties}, PropertiesWhitelist=[{string.Join(", ", EffectivePropertiesWhitelist)}], " +
        $"Salt={(string.IsNullOrWhiteSpace(Salt) ? "(not set)" : "(set)")}, UseDevelopmentSalt={UseDevelopmentSalt}";

    internal IReadOnlyList<string> EffectivePropertiesWhitelist => PropertiesWhitelist ?? DefaultPropertiesWhitelist;

    /// <summary>The configured salt, else the development salt when the host opted in, else null.</summary>
    internal string? EffectiveSalt => !string.IsNullOrWhiteSpace(Salt) ? Salt : UseDevelopmentSalt ? DevelopmentSalt : null;

    /// <summary>The personal fields with their configuration key, in the order failures are reported.</summary>
    internal IEnumerable<(string Key, FieldAction Action)> FieldActions =>
    [
        (nameof(IpAddress), IpAddress),
        (nameof(UserAgent), UserAgent),
        (nameof(DeviceId), DeviceId),
        (nameof(PageUrl), PageUrl),
        (nameof(Referrer), Referrer),
    ];
}
