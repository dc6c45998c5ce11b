using System.Globalization;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Classification;
using JourneyMapper.Journeys.Segments;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.Stream;

namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>One record of the session store's changelog: the bytes the service writes, and the customer it belongs to.</summary>
internal readonly record struct SessionChangelogRecord(byte[] Key, byte[] Value, long Timestamp)
{
    /// <summary>Bytes of the session start behind the customer id in a session changelog key.</summary>
    public const int StartLength = 8;

    /// <summary>The customer id as the service's record key (UTF-8): what the producers partition by.</summary>
    public ReadOnlySpan<byte> CustomerKey => Key.AsSpan(0, Key.Length - StartLength);
}

/// <summary>
/// Open journey sessions exactly as the service logs them. Synthetic customers' clicks (2 to 6 each, seconds to a
/// minute and a half apart: a visit under way) go through the service's own sessionizer, <see cref="SessionizeJourneys"/>
/// over the journey's session store with the runtime's change-logging wrapper, in a <see cref="TopologyTestDriver"/>;
/// what the wrapper writes to <c>&lt;applicationId&gt;-sessions-changelog</c> on commit is what this yields. So keys
/// (customer id and session start) and values (session end and <see cref="JourneySessionSerde"/> state, the announced
/// primary segment included) are the runtime's encoding, not a copy of it.
/// </summary>
/// <remarks>
/// Every session ends within <see cref="EndSpread"/> before <c>newestEnd</c>. After a restore the service takes stream
/// time to be the latest session end it restored (per task) and closes a session on the wall clock once
/// <c>gap + grace</c> (32 minutes by default) has passed beyond its end: sessions that end within five minutes of each
/// other therefore all stay open for at least 27 minutes of the restored service's life, whatever the wall clock says.
/// </remarks>
internal sealed class OpenSessionSource
{
    public static readonly TimeSpan EndSpread = TimeSpan.FromMinutes(5);

    // A driver per batch of customers keeps the harness's memory flat: its store is dropped with it.
    private const int CustomersPerDriver = 10_000;
    private const string InputTopic = "bench.restore.clicks";
    private const int Products = 20_000;

    private static readonly (string Type, int Weight)[] LaterEvents =
    [
        ("product_view", 45), ("page_view", 20), ("search", 15), ("add_to_cart", 12), ("remove_from_cart", 2), ("checkout_start", 4), ("purchase", 2),
    ];

    private static readonly string[] Pages =
    [
        "https://shop.example.com/", "https://shop.example.com/category/shoes", "https://shop.example.com/category/outdoor",
        "https://shop.example.com/sale", "https://shop.example.com/category/kitchen", "https://shop.example.com/help/delivery",
    ];

    private readonly Topology _topology;
    private readonly StreamsConfig _config;
    private readonly Serde<ClickEvent> _clicks = Serdes.From(JsonSerdes.ClickEvent, JsonSerdes.ClickEvent);
    private readonly Random _random;
    private readonly long _newestEnd;

    public OpenSessionSource(string applicationId, int seed, long newestEnd)
    {
        _random = new Random(seed);
        _newestEnd = newestEnd;
        _config = new StreamsConfig { ApplicationId = applicationId, BootstrapServers = "unused:9092" };
        ChangelogTopic = $"{applicationId}-{JourneyTopology.SessionStore}-changelog";

        // The journey topology's session store and sessionizer (JourneyTopology.Build), with the service's default options.
        var options = new JourneyOptions();
        var sessions = options.Sessions;
        var classifier = new SessionClassifier(options.Classification);
        var builder = new StreamBuilder();
        builder.AddStateStore(JourneyTopology.SessionStoreBuilder(sessions));
        builder.Stream(InputTopic, Consumed.With(Serdes.String, _clicks), named: "clicks")
            .Process<string, SessionOutput>(
                () => new SessionizeJourneys(sessions, () => new SegmentBuilder(classifier, sessions), JourneyTopology.SessionStore, profileStoreName: null),
                "sessionize",
                JourneyTopology.SessionStore);
        _topology = builder.Build();
    }

    /// <summary>The changelog topic the service restores the session store from (<c>Topology.InternalTopics</c> names it so).</summary>
    public string ChangelogTopic { get; }

    /// <summary>Clicks generated for the sessions so far.</summary>
    public long Events { get; private set; }

    /// <summary>One changelog record per customer, customers 0 to <paramref name="count"/> - 1, in batches.</summary>
    public IEnumerable<SessionChangelogRecord> Records(int count)
    {
        for (var first = 0; first < count; first += CustomersPerDriver)
        {
            foreach (var record in Batch(first, Math.Min(CustomersPerDriver, count - first)))
            {
                yield return record;
            }
        }
    }

    private List<SessionChangelogRecord> Batch(int firstCustomer, int customers)
    {
        using var driver = new TopologyTestDriver(_topology, _config, DateTimeOffset.FromUnixTimeMilliseconds(_newestEnd)) { CommitEveryRecord = false };
        var input = driver.CreateInputTopic(InputTopic, Serdes.String.Serializer, _clicks.Serializer);
        var changelog = driver.CreateOutputTopic(ChangelogTopic, Deserializers.ByteArray, Deserializers.ByteArray);
        for (var customer = firstCustomer; customer < firstCustomer + customers; customer++)
        {
            foreach (var click in Visit(customer))
            {
                input.PipeInput(click.CustomerId!, click, click.Timestamp!.Value);
                Events++;
            }
        }

        // A commit flushes the store: one record per session changed since the last, i.e. per customer here.
        driver.Commit();
        var records = new List<SessionChangelogRecord>(customers);
        while (!changelog.IsEmpty)
        {
            var record = changelog.ReadRecord();
            records.Add(new SessionChangelogRecord(record.Key, record.Value ?? throw new InvalidOperationException("the sessionizer logged a tombstone: a session closed while filling"), record.Timestamp));
        }

        if (records.Count != customers)
        {
            throw new InvalidOperationException($"{customers} customers' visits made {records.Count} session changelog records, not one each");
        }

        return records;
    }

    // One visit of a customer in event-time order: a landing page (or the app) and then browsing, ending within EndSpread
    // before the newest end.
    private List<ClickEvent> Visit(int customer)
    {
        var random = _random;
        var known = random.NextDouble() < 0.7;
        var anonymousId = Invariant($"anon-{random.Next():x8}-{customer:D7}");
        var userId = known ? Invariant($"user-{customer:D7}") : null;
        var channel = random.NextDouble() < 0.35 ? "mobile" : "web";
        var count = random.Next(2, 7);
        var times = new long[count];
        times[^1] = _newestEnd - random.NextInt64((long)EndSpread.TotalMilliseconds);
        for (var i = count - 2; i >= 0; i--)
        {
            times[i] = times[i + 1] - random.Next(5_000, 90_000);
        }

        var clicks = new List<ClickEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var type = i == 0 ? (random.NextDouble() < 0.1 ? "app_open" : "page_view") : Pick(random);
            var product = type is "product_view" or "add_to_cart" or "remove_from_cart" ? Invariant($"prod-{random.Next(Products):D5}") : null;
            clicks.Add(new ClickEvent
            {
                EventId = NewUuid(random),
                Timestamp = times[i],
                EventType = type,
                UserId = userId,
                AnonymousId = anonymousId,
                Channel = channel,
                ProductId = product,
                PageUrl = type switch
                {
                    _ when product is not null => "https://shop.example.com/products/" + product,
                    "search" => Invariant($"https://shop.example.com/search?q=term{random.Next(500)}"),
                    "checkout_start" or "purchase" => "https://shop.example.com/checkout",
                    _ => Pages[random.Next(Pages.Length)],
                },
            });
        }

        return clicks;
    }

    private static string Pick(Random random)
    {
        var total = 0;
        foreach (var (_, weight) in LaterEvents)
        {
            total += weight;
        }

        var roll = random.Next(total);
        foreach (var (type, weight) in LaterEvents)
        {
            if ((roll -= weight) < 0)
            {
                return type;
            }
        }

        return LaterEvents[^1].Type;
    }

    // Lowercase canonical text, as producers make event ids: the session keeps such an id as its 16 bytes.
    private static string NewUuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
