using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Accumulates one session's events: advances the session clock by a think time before each step,
/// chains referrers page to page and stamps the customer's identity and device on every event.
/// Event ids are left empty: they are assigned in global event-time order when the event is emitted.
/// </summary>
internal sealed class SessionBuilder
{
    private const string WebRoot = "https://shop.example.com";
    private const string AppRoot = "app://journeyshop";

    /// <summary>Longest think time between two steps; far below the 30-minute gap so sessions never split.</summary>
    public static readonly TimeSpan MaxThinkTime = TimeSpan.FromMinutes(4);

    private static readonly long MinThinkMillis = (long)TimeSpan.FromSeconds(2).TotalMilliseconds;

    private readonly Random _random;
    private readonly SyntheticCustomer _customer;
    private readonly List<ClickEvent> _events = [];
    private long _time;
    private string? _referrer;

    public SessionBuilder(Random random, SyntheticCustomer customer, CustomerDevice device, long startMillis, string? campaign, string? entryReferrer)
    {
        _random = random;
        _customer = customer;
        Device = device;
        Campaign = campaign;
        _time = startMillis;
        _referrer = entryReferrer;
    }

    public CustomerDevice Device { get; }
    public string? Campaign { get; }
    public int Count => _events.Count;
    public long LastTimestamp => _time;
    public IReadOnlyList<ClickEvent> Events => _events;

    public string Url(string path) => (Device.IsApp ? AppRoot : WebRoot) + path;

    /// <summary>Adds a step on the session's device; <paramref name="channel"/> overrides it for email or support touchpoints.</summary>
    public void Add(
        string eventType,
        string pageUrl,
        string? productId = null,
        EventProperties? properties = null,
        string? channel = null,
        double pace = 1.0)
    {
        if (_events.Count > 0)
        {
            _time += ThinkTime(pace);
        }

        _events.Add(new ClickEvent
        {
            Timestamp = _time,
            EventType = eventType,
            UserId = _customer.UserId,
            AnonymousId = _customer.AnonymousId,
            Channel = channel ?? Device.Channel,
            ProductId = productId,
            PageUrl = pageUrl,
            Referrer = _referrer,
            Campaign = Campaign,
            DeviceId = Device.DeviceId,
            IpAddress = Device.IpAddress,
            UserAgent = Device.UserAgent,
            Properties = properties,
        });

        // Email and support touchpoints happen outside the site, so they do not refer the next page.
        if (channel is null)
        {
            _referrer = pageUrl;
        }
    }

    /// <summary>Mostly a few seconds, occasionally minutes; pace below 1 speeds up quick follow-ups like add-to-cart.</summary>
    private long ThinkTime(double pace)
    {
        var span = (MaxThinkTime.TotalMilliseconds - MinThinkMillis) * Math.Pow(_random.NextDouble(), 2.5) * Math.Clamp(pace, 0, 1);
        return MinThinkMillis + (long)span;
    }
}
