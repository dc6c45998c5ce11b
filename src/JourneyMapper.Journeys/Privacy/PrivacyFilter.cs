using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using JourneyMapper.Journeys.Hashing;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Privacy;

/// <summary>
/// Applies <see cref="PrivacyOptions"/> to one event. Most events need no change once the options are applied
/// upstream, so an event that stays the same is returned as the same instance without allocating; otherwise a copy
/// with the handled fields is returned. Thread-safe: it holds only the options and the keyed HMAC, which is thread-safe.
/// </summary>
public sealed class PrivacyFilter
{
    /// <summary>Length of a hashed value: the first 16 bytes (128 bits) of HMAC-SHA256, as lowercase hex.</summary>
    public const int HashLength = 32;

    private const int HashBytes = HashLength / 2;
    private const int StackBufferBytes = 256;

    private readonly FieldAction _ipAddress;
    private readonly FieldAction _userAgent;
    private readonly FieldAction _deviceId;
    private readonly FieldAction _pageUrl;
    private readonly FieldAction _referrer;
    private readonly bool _dropAllProperties;
    private readonly bool _keepAllProperties;
    private readonly FrozenSet<string> _whitelist;
    private readonly HmacSha256? _hmac;

    /// <exception cref="ArgumentException">An action is not Keep, Drop or Hash, Properties is Hash, or a field is hashed without a salt.</exception>
    public PrivacyFilter(PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, action) in options.FieldActions)
        {
            if (!Enum.IsDefined(action))
            {
                throw new ArgumentException($"{PrivacyOptions.Section}:{key} is {action}: use Keep, Drop or Hash.", nameof(options));
            }
        }

        if (options.Properties is not (FieldAction.Keep or FieldAction.Drop))
        {
            throw new ArgumentException($"{PrivacyOptions.Section}:Properties is {options.Properties}: use Keep or Drop.", nameof(options));
        }

        _ipAddress = options.IpAddress;
        _userAgent = options.UserAgent;
        _deviceId = options.DeviceId;
        _pageUrl = options.PageUrl;
        _referrer = options.Referrer;
        _dropAllProperties = options.Properties == FieldAction.Drop;
        _keepAllProperties = options.EffectivePropertiesWhitelist.Contains(PrivacyOptions.AllProperties);
        _whitelist = options.EffectivePropertiesWhitelist.ToFrozenSet(StringComparer.Ordinal);

        // The minimum salt length is policy and belongs to PrivacyOptionsValidator; without any salt the filter cannot work at all.
        if (options.EffectiveSalt is { } salt)
        {
            _hmac = new HmacSha256(Encoding.UTF8.GetBytes(salt));
        }
        else if (options.FieldActions.Any(field => field.Action == FieldAction.Hash))
        {
            throw new ArgumentException($"{PrivacyOptions.Section}:Salt is required when a field is hashed.", nameof(options));
        }
    }

    /// <summary>The event with its personal fields handled; the same instance when nothing had to change.</summary>
    public ClickEvent Apply(ClickEvent clickEvent)
    {
        ArgumentNullException.ThrowIfNull(clickEvent);
        var ipAddress = Handle(clickEvent.IpAddress, _ipAddress);
        var userAgent = Handle(clickEvent.UserAgent, _userAgent);
        var deviceId = Handle(clickEvent.DeviceId, _deviceId);
        var pageUrl = Handle(clickEvent.PageUrl, _pageUrl);
        var referrer = Handle(clickEvent.Referrer, _referrer);
        var propertiesChanged = FilterProperties(clickEvent.Properties, out var properties);

        if (ReferenceEquals(ipAddress, clickEvent.IpAddress)
            && ReferenceEquals(userAgent, clickEvent.UserAgent)
            && ReferenceEquals(deviceId, clickEvent.DeviceId)
            && ReferenceEquals(pageUrl, clickEvent.PageUrl)
            && ReferenceEquals(referrer, clickEvent.Referrer)
            && !propertiesChanged)
        {
            return clickEvent;
        }

        return clickEvent with
        {
            IpAddress = ipAddress,
            UserAgent = userAgent,
            DeviceId = deviceId,
            PageUrl = pageUrl,
            Referrer = referrer,
            Properties = properties,
        };
    }

    /// <summary>
    /// HMAC-SHA256 keyed with the salt's UTF-8 bytes over the value's UTF-8 bytes, truncated to its first 16 bytes and
    /// written as <see cref="HashLength"/> lowercase hex characters: the first 32 characters of
    /// <c>printf %s VALUE | openssl dgst -sha256 -hmac SALT</c>. Public so tools can hash a known value to look it up.
    /// </summary>
    public string Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hmac = _hmac ?? throw new InvalidOperationException($"{PrivacyOptions.Section}:Salt is not set, so this filter cannot hash.");
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            Span<byte> mac = stackalloc byte[HmacSha256.HashSize];
            hmac.Compute(buffer[..length], mac);
            return Convert.ToHexStringLower(mac[..HashBytes]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // An empty value carries nothing to protect, and hashing it would invent one id shared by every such event.
    private string? Handle(string? value, FieldAction action) => action switch
    {
        FieldAction.Drop => null,
        FieldAction.Hash when !string.IsNullOrEmpty(value) => Hash(value),
        _ => value,
    };

    /// <summary>False when the properties stay as they are; otherwise true, with what is left of them.</summary>
    private bool FilterProperties(EventProperties? properties, out EventProperties? filtered)
    {
        filtered = properties;
        if (properties is not { Count: > 0 } present || (_keepAllProperties && !_dropAllProperties))
        {
            return false;
        }

        if (_dropAllProperties)
        {
            filtered = null;
            return true;
        }

        // Checked first so that a large map (one with a dictionary of its own) that stays whole is not copied.
        if (AllWhitelisted(present))
        {
            return false;
        }

        var kept = new EventProperties.Builder();
        foreach (var (key, value) in present)
        {
            if (_whitelist.Contains(key))
            {
                kept.Set(key, value);
            }
        }

        // No properties left reads the same as none: null, like an event that never had any.
        filtered = kept.Count == 0 ? null : kept.ToProperties();
        return true;
    }

    private bool AllWhitelisted(in EventProperties properties)
    {
        foreach (var (key, _) in properties)
        {
            if (!_whitelist.Contains(key))
            {
                return false;
            }
        }

        return true;
    }
}
