using System.Globalization;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Replay;
using JourneyMapper.Journeys.Sessions;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Benchmarks.Journeys;

public enum InputFormat
{
    Json,
    Avro,
}

/// <summary>A record as it arrives from Kafka: key and value bytes and the record timestamp.</summary>
public readonly record struct RawRecord(byte[] Key, byte[] Value, long Timestamp);

/// <summary>
/// A busy half hour of a shop, pre-serialized so that the generator's own work is never measured: 2,000,000
/// click events of 200,000 customers, one session each (<see cref="JourneyScript"/> plans the funnels), keyed by
/// customer id, in arrival order. Sessions start in the first 12 minutes and last at most 17, with think times
/// of 2 s to 4 min, so that no session closes before the end of the input (all 200,000 are open there); the
/// <see cref="EndMarker"/> then closes them all, by stream time, as a replay's end does. Arrival order is event
/// order except that one event in ten arrives 1 to 90 s late (inside the 2-minute grace), and 1% of the records
/// are duplicates re-sent up to 20 s after the original. Known customers (72%) are keyed by userId and most have
/// a profile, piped before the events; the others are anonymous visitors keyed by a cookie UUID.
/// </summary>
public sealed class JourneyWorkload
{
    public const string InputTopic = "clickstream.events";
    public const int Customers = 200_000;
    public const int Events = 2_000_000;
    public const int Duplicates = Events / 100;
    public const long Minute = 60_000;

    /// <summary>The wall clock the topology validates event times against: an hour after the last event.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 11, 0, 0, TimeSpan.Zero);

    private static readonly long Epoch = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly string[] Referrers = ["https://www.google.com/", "https://www.bing.com/", "https://www.instagram.com/"];
    private static readonly string[] Personas = ["bargain-hunter", "loyalist", "researcher", "impulse-buyer"];
    private static readonly string[] Countries = ["DE", "FR", "NL", "GB", "ES", "IT", "SE", "PL"];

    private JourneyWorkload(InputFormat format, JourneySerdes serdes, RawRecord[] records, RawRecord[] profiles, RawRecord endMarker)
    {
        Format = format;
        Serdes = serdes;
        Records = records;
        Profiles = profiles;
        EndMarker = endMarker;
    }

    public InputFormat Format { get; }

    /// <summary>The serdes the records were written with, and which the topology reads them with (Avro: one in-memory registry).</summary>
    public JourneySerdes Serdes { get; }

    /// <summary>The click events in arrival order, duplicates included.</summary>
    public RawRecord[] Records { get; }

    /// <summary>Customer profiles, to pipe before the events.</summary>
    public RawRecord[] Profiles { get; }

    /// <summary>One event far enough ahead of the last to close every session.</summary>
    public RawRecord EndMarker { get; }

    public long InputBytes => Records.Sum(record => (long)record.Key.Length + record.Value.Length);

    public static JourneyWorkload Create(InputFormat format, int seed = 42)
    {
        var serdes = format == InputFormat.Json ? JourneySerdes.Json : AvroSerdes();
        var context = new SerializationContext(MessageComponentType.Value, InputTopic);
        var random = new Random(seed);
        var customers = Enumerable.Range(0, Customers).Select(index => Customer.Create(index, random)).ToArray();
        var lengths = SessionLengths(seed, Events - Duplicates);

        // Generated customer by customer, then ordered by arrival; only bytes are kept.
        var values = new byte[Events][];
        var customerOf = new int[Events];
        var arrivals = new (long Arrival, int Index)[Events];
        var steps = new List<PlannedStep>();
        var next = 0;
        var latest = long.MinValue;
        for (var c = 0; c < Customers; c++)
        {
            var sessionRandom = CustomerRandom(seed, c);
            PlanSession(new JourneyScript(sessionRandom), steps, lengths[c]);
            var customer = customers[c];
            var times = EventTimes(sessionRandom, steps.Count, botLike: steps.Count >= 20 && steps.TrueForAll(step => step.PageUrl == steps[0].PageUrl));
            string? referrer = random.NextDouble() < 0.35 ? null : Referrers[random.Next(Referrers.Length)];
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var clickEvent = customer.Event(step, Uuid(random), times[i], referrer);
                referrer = step.PageUrl;
                values[next] = serdes.ClickEvents.Serializer.Serialize(clickEvent, context);
                customerOf[next] = c;
                var delay = random.NextDouble() < 0.1 ? 1_000 + random.NextInt64(89_000) : random.NextInt64(300);
                arrivals[next] = (times[i] + delay, next);
                latest = Math.Max(latest, times[i]);
                next++;
            }
        }

        // Producer retries: the same bytes again, shortly after the original.
        for (var d = 0; d < Duplicates; d++)
        {
            var original = random.Next(Events - Duplicates);
            values[next] = values[original];
            customerOf[next] = customerOf[original];
            arrivals[next] = (arrivals[original].Arrival + 200 + random.NextInt64(20_000), next);
            next++;
        }

        // Copied in arrival order, each record's key and value side by side, as a consumer hands them over: reading
        // the input walks memory in order instead of jumping to wherever each customer's events were generated.
        Array.Sort(arrivals);
        var keysByCustomer = customers.Select(customer => Encoding.UTF8.GetBytes(customer.Id)).ToArray();
        var records = new RawRecord[Events];
        for (var i = 0; i < Events; i++)
        {
            var (arrival, index) = arrivals[i];
            records[i] = new RawRecord([.. keysByCustomer[customerOf[index]]], [.. values[index]], arrival);
        }

        var marker = ReplayEnd.Marker(latest, new SessionOptions(), partition: 0);
        var endMarker = new RawRecord(Encoding.UTF8.GetBytes(ReplayEnd.CustomerId), serdes.ClickEvents.Serializer.Serialize(marker, context), marker.Timestamp!.Value);
        return new JourneyWorkload(format, serdes, records, ProfileRecords(customers, serdes, random), endMarker);
    }

    private static JourneySerdes AvroSerdes()
    {
        var registry = new InMemoryRegistry();
        var clicks = AvroRecordSerdes.ClickEvent(registry);
        var profiles = AvroRecordSerdes.UserProfile(registry);
        var segments = AvroRecordSerdes.JourneySegment(registry);
        return new JourneySerdes(Streams.SerDes.Serdes.From(clicks, clicks), Streams.SerDes.Serdes.From(profiles, profiles), Streams.SerDes.Serdes.From(segments, segments));
    }

    // Each customer's session from its own seed, so that the lengths can be settled before the events are made.
    private static Random CustomerRandom(int seed, int customer) => new(unchecked((seed * 1_000_003) + customer));

    /// <summary>
    /// How many events each session gets, so that all sessions together have exactly <paramref name="total"/>: the
    /// funnels' own lengths, then sessions picked at random lose their last step or gain one more product view.
    /// </summary>
    private static int[] SessionLengths(int seed, int total)
    {
        var steps = new List<PlannedStep>();
        var lengths = new int[Customers];
        var sum = 0L;
        for (var c = 0; c < Customers; c++)
        {
            new JourneyScript(CustomerRandom(seed, c)).Plan(steps);
            lengths[c] = steps.Count;
            sum += steps.Count;
        }

        var random = new Random(seed + 1);
        while (sum != total)
        {
            var c = random.Next(Customers);
            var by = sum > total ? -1 : 1;
            if (lengths[c] + by >= 2)
            {
                lengths[c] += by;
                sum += by;
            }
        }

        return lengths;
    }

    private static void PlanSession(JourneyScript script, List<PlannedStep> steps, int length)
    {
        script.Plan(steps);
        if (steps.Count > length)
        {
            steps.RemoveRange(length, steps.Count - length);
        }

        while (steps.Count < length)
        {
            var product = script.PopularProduct();
            steps.Add(new PlannedStep("product_view", $"https://shop.example.com/p/{product}", product, null));
        }
    }

    /// <summary>A start in the first 12 minutes, then think times of 2 s to 4 min (bots: 1 to 2 s), the session squeezed into 17 minutes.</summary>
    private static long[] EventTimes(Random random, int count, bool botLike)
    {
        var times = new long[count];
        var offset = 0.0;
        for (var i = 1; i < count; i++)
        {
            offset += botLike ? 1_000 + (1_000 * random.NextDouble()) : 2_000 + (238_000 * Math.Pow(random.NextDouble(), 2.5));
            times[i] = (long)offset;
        }

        var squeeze = Math.Min(1.0, 17 * Minute / Math.Max(offset, 1));
        var start = Epoch + random.NextInt64(12 * Minute);
        for (var i = 0; i < count; i++)
        {
            times[i] = start + (long)(times[i] * squeeze);
        }

        return times;
    }

    private static string Uuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    private static RawRecord[] ProfileRecords(Customer[] customers, JourneySerdes serdes, Random random)
    {
        var context = new SerializationContext(MessageComponentType.Value, "customer.profiles");
        var profiles = new List<RawRecord>();
        foreach (var customer in customers)
        {
            if (customer.UserId is null || random.NextDouble() >= 0.8)
            {
                continue;
            }

            var profile = new UserProfile
            {
                UserId = customer.UserId,
                Tier = (Tier)(1 + random.Next(4)),
                Persona = Personas[random.Next(Personas.Length)],
                LifetimeValue = Math.Round((decimal)(random.NextDouble() * 2_000), 2),
                Country = Countries[random.Next(Countries.Length)],
                AnalyticsConsent = random.NextDouble() < 0.97,
                MarketingConsent = random.NextDouble() < 0.6,
                UpdatedAt = Epoch - (random.NextInt64(365) * 24 * 60 * Minute),
            };
            profiles.Add(new RawRecord(Encoding.UTF8.GetBytes(customer.UserId), serdes.Profiles.Serializer.Serialize(profile, context), Epoch - Minute));
        }

        return [.. profiles];
    }

    /// <summary>Who sends the events: a known user or an anonymous visitor, on one device.</summary>
    private sealed record Customer(string? UserId, string? AnonymousId, string Channel, string DeviceId)
    {
        public string Id => UserId ?? AnonymousId!;

        public static Customer Create(int index, Random random)
        {
            var known = random.NextDouble() < 0.72;
            var userId = known ? string.Create(CultureInfo.InvariantCulture, $"user-{index:D6}") : null;
            var anonymousId = known ? null : Uuid(random);
            var channel = random.NextDouble() < 0.4 ? "mobile" : "web";
            return new Customer(userId, anonymousId, channel, string.Create(CultureInfo.InvariantCulture, $"dev-{random.Next():x8}"));
        }

        public ClickEvent Event(PlannedStep step, string eventId, long timestamp, string? referrer) => new()
        {
            EventId = eventId,
            Timestamp = timestamp,
            EventType = step.EventType,
            UserId = UserId,
            AnonymousId = AnonymousId,
            Channel = step.EventType switch { "email_click" => "email", "support_contact" => "support", _ => Channel },
            ProductId = step.ProductId,
            PageUrl = step.PageUrl,
            Referrer = referrer,
            Campaign = step.EventType == "email_click" ? "spring-sale" : null,
            DeviceId = DeviceId,
            Properties = step.Properties,
        };
    }
}
