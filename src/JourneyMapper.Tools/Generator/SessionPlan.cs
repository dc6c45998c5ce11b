namespace JourneyMapper.Tools.Generator;

/// <summary>
/// A customer's next session as <see cref="PlannedClick"/>s: advances the session clock by a think time before each
/// step, and holds the device, campaign and entry referrer that every event of the session shares. Each customer
/// keeps one plan and refills it session after session: its buffer grows to the customer's longest session and is
/// then reused.
/// </summary>
internal sealed class SessionPlan
{
    /// <summary>Longest think time between two steps; far below the 30-minute gap so sessions never split.</summary>
    public static readonly TimeSpan MaxThinkTime = TimeSpan.FromMinutes(4);

    private const int InitialCapacity = 8;

    private static readonly long MinThinkMillis = (long)TimeSpan.FromSeconds(2).TotalMilliseconds;

    private readonly Random _random;
    private PlannedClick[] _clicks = new PlannedClick[InitialCapacity];
    private long _time;

    public SessionPlan(SyntheticCustomer customer, Random random)
    {
        Customer = customer;
        Device = customer.Primary;
        _random = random;
    }

    public SyntheticCustomer Customer { get; }
    public CustomerDevice Device { get; private set; }
    public string? Campaign { get; private set; }

    /// <summary>What referred the session's first page; each later page is referred by the page before it.</summary>
    public string? EntryReferrer { get; private set; }

    public int Count { get; private set; }
    public ReadOnlySpan<PlannedClick> Clicks => _clicks.AsSpan(0, Count);

    /// <summary>Empties the plan for a session starting at <paramref name="startMillis"/>.</summary>
    public void Begin(CustomerDevice device, long startMillis, string? campaign, string? entryReferrer)
    {
        Device = device;
        Campaign = campaign;
        EntryReferrer = entryReferrer;
        _time = startMillis;
        Count = 0;
    }

    /// <summary>Adds a step at the session clock; <paramref name="pace"/> below 1 speeds up quick follow-ups like add-to-cart.</summary>
    public void Add(PlannedClick click, double pace = 1.0)
    {
        if (Count > 0)
        {
            _time += ThinkTime(pace);
        }

        if (Count == _clicks.Length)
        {
            Array.Resize(ref _clicks, Count * 2);
        }

        _clicks[Count++] = click with { Timestamp = _time };
    }

    /// <summary>Mostly a few seconds, occasionally minutes.</summary>
    private long ThinkTime(double pace)
    {
        var span = (MaxThinkTime.TotalMilliseconds - MinThinkMillis) * Math.Pow(_random.NextDouble(), 2.5) * Math.Clamp(pace, 0, 1);
        return MinThinkMillis + (long)span;
    }
}
