using System.Text.Json;
using Confluent.Kafka;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Tools.Generator;
using JourneyMapper.Tools.Kafka;
using Xunit;

namespace JourneyMapper.Tools.Tests;

public sealed class ClickstreamGeneratorTests
{
    private const int Sample = 20_000;
    private static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    // Written out from SPEC.md rather than taken from the generator, so the test is an independent check.
    private static readonly HashSet<string> CanonicalEventTypes =
    [
        "page_view", "product_view", "search", "add_to_cart", "remove_from_cart", "checkout_start", "purchase",
        "support_contact", "login", "logout", "email_click", "app_open", "feedback",
    ];

    private static readonly HashSet<string> ProductEventTypes = ["product_view", "add_to_cart", "remove_from_cart"];

    [Fact]
    public void SameSeedYieldsTheIdenticalSequence()
    {
        var options = new ClickstreamGeneratorOptions { Seed = 7 };

        var first = Json(new ClickstreamGenerator(options).Generate(5_000));
        var second = Json(new ClickstreamGenerator(options).Generate(5_000));

        Assert.Equal(5_000, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void EnumeratingTwiceRestartsFromTheSeed()
    {
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 3 });

        Assert.Equal(Json(generator.Generate(1_000)), Json(generator.Stream().Take(1_000)));
    }

    [Fact]
    public void DifferentSeedsYieldDifferentSequences()
    {
        var a = Json(new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 1 }).Generate(1_000));
        var b = Json(new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 2 }).Generate(1_000));

        // Ids embed the seed, so compare what happens rather than what it is called.
        Assert.NotEqual(a, b);
        Assert.NotEqual(
            a.Select(j => JsonDocument.Parse(j).RootElement.GetProperty("timestamp").GetInt64()),
            b.Select(j => JsonDocument.Parse(j).RootElement.GetProperty("timestamp").GetInt64()));
    }

    [Fact]
    public void EveryEventIsACompleteCanonicalClickEvent()
    {
        var options = new ClickstreamGeneratorOptions { Seed = 11 };
        var start = options.StartTime.ToUnixTimeMilliseconds();

        var events = new ClickstreamGenerator(options).Generate(Sample).ToList();

        Assert.Equal(Sample, events.Count);
        Assert.All(events, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.EventId));
            Assert.StartsWith("evt-11-", e.EventId, StringComparison.Ordinal);
            Assert.NotNull(e.Timestamp);
            Assert.True(e.Timestamp >= start, "timestamps advance from StartTime");
            Assert.Contains(e.EventType!, CanonicalEventTypes);
            Assert.False(string.IsNullOrEmpty(e.CustomerId));
            Assert.False(string.IsNullOrEmpty(e.AnonymousId));
            Assert.False(string.IsNullOrEmpty(e.Channel));
            Assert.False(string.IsNullOrEmpty(e.PageUrl));
            Assert.False(string.IsNullOrEmpty(e.DeviceId));
            Assert.False(string.IsNullOrEmpty(e.IpAddress));
            Assert.False(string.IsNullOrEmpty(e.UserAgent));
            if (e.UserId is not null)
            {
                Assert.Matches("^user-[0-9]{6}$", e.UserId);
            }

            Assert.StartsWith("anon-", e.AnonymousId, StringComparison.Ordinal);
            if (ProductEventTypes.Contains(e.EventType!))
            {
                Assert.StartsWith("prod-", e.ProductId, StringComparison.Ordinal);
            }

            if (e.EventType == "purchase")
            {
                var properties = Assert.NotNull(e.Properties);
                Assert.Equal("EUR", properties["currency"]);
                Assert.True(decimal.Parse(properties["price"], System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
        });

        // Every canonical type and several channels show up in a sample this size.
        Assert.Equal(CanonicalEventTypes.Order(StringComparer.Ordinal), events.Select(e => e.EventType!).Distinct().Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "web", "mobile", "email", "support" }, events.Select(e => e.Channel!).ToHashSet());
        Assert.Contains(events, e => e.Campaign is not null);
        Assert.Contains(events, e => e.Campaign is null);
        Assert.Contains(events, e => e.Referrer is not null);

        var anonymousShare = events.Select(e => e.CustomerId).Distinct().Count(id => id!.StartsWith("anon-", StringComparison.Ordinal))
            / (double)events.Select(e => e.CustomerId).Distinct().Count();
        Assert.InRange(anonymousShare, 0.1, 0.3);
    }

    /// <summary>
    /// The guarantee: every record arrives within [timestamp, timestamp + MaxArrivalDelay] and records are
    /// delivered in arrival order, so for any record, every record delivered before it has a timestamp of at
    /// most its own + MaxArrivalDelay (stream time never leads an arriving record by more than the bound).
    /// </summary>
    [Fact]
    public void ArrivalDisorderNeverExceedsMaxArrivalDelay()
    {
        var options = new ClickstreamGeneratorOptions { Seed = 5, MaxArrivalDelay = TimeSpan.FromSeconds(30) };
        var bound = (long)options.MaxArrivalDelay.TotalMilliseconds;
        var generator = new ClickstreamGenerator(options);

        var arrivals = generator.StreamArrivals().Take(Sample).ToList();

        long streamTime = long.MinValue;
        long previousArrival = long.MinValue;
        long worstLag = 0;
        var outOfOrder = 0;
        foreach (var arrival in arrivals)
        {
            var time = arrival.Event.Timestamp!.Value;
            Assert.InRange(arrival.ArrivalTime, time, time + bound);
            Assert.True(arrival.ArrivalTime >= previousArrival, "records are delivered in arrival order");
            Assert.True(streamTime <= time + bound, $"{arrival.Event.EventId} arrived {streamTime - time} ms behind stream time");
            if (streamTime > time)
            {
                outOfOrder++;
                worstLag = Math.Max(worstLag, streamTime - time);
            }

            previousArrival = arrival.ArrivalTime;
            streamTime = Math.Max(streamTime, time);
        }

        // The bound must be exercised, not merely respected by an in-order stream.
        Assert.True(outOfOrder > Sample / 100, $"only {outOfOrder} out-of-order records");
        Assert.True(worstLag > bound / 2, $"worst lag {worstLag} ms");
        Assert.Equal(arrivals.Select(a => a.Event.EventId), generator.Generate(Sample).Select(e => e.EventId));
    }

    [Fact]
    public void ZeroArrivalDelayDeliversInEventTimeOrder()
    {
        var options = new ClickstreamGeneratorOptions { Seed = 5, MaxArrivalDelay = TimeSpan.Zero };

        var times = new ClickstreamGenerator(options).Generate(5_000).Select(e => e.Timestamp!.Value).ToList();

        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void DuplicatesAppearNearTheDuplicateRateAndRepeatTheRecordLater()
    {
        var options = new ClickstreamGeneratorOptions { Seed = 13, DuplicateRate = 0.01 };

        var arrivals = new ClickstreamGenerator(options).StreamArrivals().Take(Sample).ToList();

        var firstSeen = new Dictionary<string, ClickArrival>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var arrival in arrivals)
        {
            if (firstSeen.TryGetValue(arrival.Event.EventId!, out var original))
            {
                duplicates++;
                Assert.True(arrival.IsDuplicate);
                Assert.False(original.IsDuplicate);
                Assert.True(arrival.ArrivalTime >= original.ArrivalTime);
                Assert.Equal(Json([original.Event]), Json([arrival.Event]));
            }
            else
            {
                Assert.False(arrival.IsDuplicate);
                firstSeen.Add(arrival.Event.EventId!, arrival);
            }
        }

        var expected = options.DuplicateRate * firstSeen.Count;
        Assert.InRange(duplicates, 0.5 * expected, 1.5 * expected);
    }

    [Fact]
    public void SessionsAreSeparatedByMoreThanTheInactivityGapAndFollowFunnels()
    {
        var sessions = CompleteSessions(new ClickstreamGeneratorOptions { Seed = 17, Customers = 1_000 });

        var gapsWithin = sessions.SelectMany(s => s.Zip(s.Skip(1), (a, b) => b.Timestamp!.Value - a.Timestamp!.Value)).ToList();
        Assert.All(gapsWithin, gap => Assert.InRange(gap, 1_000, (long)TimeSpan.FromMinutes(5).TotalMilliseconds));

        var byCustomer = sessions.GroupBy(s => s[0].CustomerId!).ToList();
        Assert.Contains(byCustomer, g => g.Count() >= 2);
        var gapsBetween = byCustomer
            .SelectMany(g => g.Zip(g.Skip(1), (a, b) => b[0].Timestamp!.Value - a[^1].Timestamp!.Value))
            .ToList();
        Assert.NotEmpty(gapsBetween);
        Assert.All(gapsBetween, gap => Assert.True(gap > SessionGap.TotalMilliseconds, $"gap of {gap} ms between sessions"));

        static bool Has(List<ClickEvent> session, string type) => session.Exists(e => e.EventType == type);
        var purchases = sessions.Count(s => Has(s, "purchase"));
        var cartAbandonments = sessions.Count(s => Has(s, "add_to_cart") && !Has(s, "checkout_start") && !Has(s, "purchase"));
        var checkoutAbandonments = sessions.Count(s => Has(s, "checkout_start") && !Has(s, "purchase"));
        var bounces = sessions.Count(s => s.Count == 1);
        var repeatedViews = sessions.Count(s => s.Where(e => e.EventType == "product_view").GroupBy(e => e.ProductId).Any(p => p.Count() >= 3));
        Assert.True(purchases > 0, "purchases");
        Assert.True(cartAbandonments > 0, "cart abandonments");
        Assert.True(checkoutAbandonments > 0, "checkout abandonments");
        Assert.True(bounces > 0, "bounces");
        Assert.True(repeatedViews > 0, "the same product viewed several times");
        Assert.All(sessions.Where(s => Has(s, "purchase")), s =>
            Assert.True(s.FindIndex(e => e.EventType == "checkout_start") < s.FindIndex(e => e.EventType == "purchase")));

        // Many customers are mid-session at the same moment, not one after another.
        var spans = sessions.Select(s => (Start: s[0].Timestamp!.Value, End: s[^1].Timestamp!.Value)).ToList();
        var busiest = spans.Max(x => spans.Count(y => y.Start <= x.Start && x.Start <= y.End));
        Assert.True(busiest >= 10, $"at most {busiest} sessions overlap");
    }

    [Fact]
    public void EachPageIsReferredByThePageBeforeItInTheSession()
    {
        var sessions = CompleteSessions(new ClickstreamGeneratorOptions { Seed = 31, Customers = 1_000 });

        var chained = 0;
        foreach (var session in sessions)
        {
            string? pageBefore = null;
            foreach (var e in session)
            {
                if (pageBefore is not null)
                {
                    Assert.Equal(pageBefore, e.Referrer);
                    chained++;
                }

                // Email and support touchpoints happen off the site, so the page after one is referred by the page before.
                if (e.Channel is not ("email" or "support"))
                {
                    pageBefore = e.PageUrl;
                }
            }
        }

        Assert.True(chained > Sample / 2, $"only {chained} referrers checked");
        Assert.Contains(sessions, s => s.Exists(e => e.Channel is "email" or "support") && s[^1].Channel is not ("email" or "support"));
    }

    [Fact]
    public void InvalidRecordsAppearAtTheInvalidRateAndFailDeserializationOrLackAnEventId()
    {
        var options = new ClickstreamGeneratorOptions { Seed = 19, InvalidRate = 0.05 };
        var generator = new ClickstreamGenerator(options);

        var records = generator.GenerateRaw(Sample).ToList();

        var invalid = records.Where(r => !r.IsValid).ToList();
        Assert.InRange(invalid.Count, 0.5 * options.InvalidRate * Sample, 1.5 * options.InvalidRate * Sample);
        Assert.Equal(
            Enum.GetValues<RecordDefect>().Where(d => d != RecordDefect.None),
            invalid.Select(r => r.Defect).Distinct().Order());
        Assert.All(invalid, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.Key));
            var parsed = TryDeserialize(r.Value);
            Assert.True(parsed is null || parsed.EventId is null, $"{r.Defect} record deserialized with an eventId");
        });

        var valid = records.Where(r => r.IsValid).ToList();
        Assert.All(valid, r =>
        {
            var parsed = TryDeserialize(r.Value);
            Assert.NotNull(parsed);
            Assert.False(string.IsNullOrEmpty(parsed.EventId));
            Assert.Equal(parsed.CustomerId, r.Key);
        });

        // Malformed records are extra: the valid ones are exactly the event stream.
        Assert.Equal(
            generator.Generate(valid.Count).Select(e => e.EventId),
            valid.Select(r => TryDeserialize(r.Value)!.EventId));
    }

    [Fact]
    public void EachMalformedRecordComesJustBeforeTheValidRecordOfItsEvent()
    {
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 19, InvalidRate = 0.05 });

        var records = generator.StreamRecords().Take(Sample).ToList();

        var valid = records.Where(r => r.IsValid).Select(r => r.Event).ToList();
        Assert.Equal(Json(generator.Generate(valid.Count)), Json(valid));
        Assert.Contains(records, r => !r.IsValid);

        ClickEvent? nextValid = null;
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (records[i].IsValid)
            {
                nextValid = records[i].Event;
            }
            else if (nextValid is not null)
            {
                Assert.Equal(nextValid, records[i].Event);
            }
        }
    }

    [Fact]
    public void NoInvalidRecordsByDefault()
    {
        var records = new ClickstreamGenerator().GenerateRaw(5_000).ToList();

        Assert.Equal(5_000, records.Count);
        Assert.All(records, r => Assert.True(r.IsValid));
    }

    [Theory]
    [InlineData(0, 0.2, 0.01, 0.0)]
    [InlineData(10, -0.1, 0.01, 0.0)]
    [InlineData(10, 0.2, 1.5, 0.0)]
    [InlineData(10, 0.2, 0.01, 1.0)]
    public void RejectsOptionsOutOfRange(int customers, double anonymousShare, double duplicateRate, double invalidRate)
    {
        var options = new ClickstreamGeneratorOptions
        {
            Customers = customers,
            AnonymousShare = anonymousShare,
            DuplicateRate = duplicateRate,
            InvalidRate = invalidRate,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new ClickstreamGenerator(options));
    }

    [Fact(Timeout = 30_000)]
    public async Task ProducerDeliversTheRequestedCountToAKafkaCluster()
    {
        // librdkafka's built-in mock cluster: a real Kafka protocol round trip without a broker.
        var producer = new ClickstreamProducer("unused:9092", "clickstream.events", MockCluster);
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 23, InvalidRate = 0.02 });

        var counts = await producer.RunAsync(generator, maxRecords: 2_000);

        Assert.Equal(2_000, counts.Sent);
        Assert.Equal(2_000, counts.Delivered);
        Assert.Equal(0, counts.Failed);
        Assert.Equal(0, counts.Unconfirmed);
    }

    [Fact(Timeout = 30_000)]
    public async Task WithoutDeliveryReportsTheCountsSayOnlyWhatWasSentAndTheTopicHoldsIt()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic("clickstream.events", 1);
        var producer = new ClickstreamProducer(cluster.BootstrapServers, "clickstream.events") { TallyDeliveries = false };
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 23 });

        var counts = await producer.RunAsync(generator, maxRecords: 2_000);

        Assert.Equal((2_000L, null, null, null), (counts.Sent, counts.Delivered, counts.Failed, counts.Unconfirmed));
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "count" }).Build();
        Assert.Equal(2_000, consumer.QueryWatermarkOffsets(new TopicPartition("clickstream.events", 0), TimeSpan.FromSeconds(10)).High.Value);
    }

    [Fact(Timeout = 30_000)]
    public async Task RateLimitedProducerStopsWhenCancelledWithEverySentRecordDelivered()
    {
        var producer = new ClickstreamProducer("unused:9092", "clickstream.events", MockCluster);
        var generator = new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 29 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var counts = await producer.RunAsync(generator, eventsPerSecond: 200, cancellationToken: cancellation.Token);

        // Speed is measured in benchmarks, not here: this only shows pacing holds the run far below flat out.
        Assert.InRange(counts.Sent, 1, 2000);
        Assert.Equal(counts.Sent, counts.Delivered);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1_000, 1.0)]
    [InlineData(2_500, 2.5)]
    public void WithoutARampRecordsAreDueAtTheRateFromTheFirst(long sent, double seconds)
    {
        var due = ClickstreamProducer.DueTime(sent, rate: 1_000, TimeSpan.Zero);

        Assert.Equal(seconds, due.TotalSeconds, precision: 9);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(125, 1.0)] // rate·t²/(2·ramp) = 1,000·1/8 records by 1 s of a 4 s ramp
    [InlineData(500, 2.0)]
    [InlineData(2_000, 4.0)] // the ramp's end: half the records the full rate would have sent
    [InlineData(3_000, 5.0)] // then the full rate: one more second per 1,000
    public void ARampRisesLinearlyToTheRateThenHoldsIt(long sent, double seconds)
    {
        var due = ClickstreamProducer.DueTime(sent, rate: 1_000, rampUp: TimeSpan.FromSeconds(4));

        Assert.Equal(seconds, due.TotalSeconds, precision: 9);
    }

    private static readonly KeyValuePair<string, string>[] MockCluster = [new("test.mock.num.brokers", "1")];

    private static List<string> Json(IEnumerable<ClickEvent> events) =>
        events.Select(e => System.Text.Encoding.UTF8.GetString(JsonSerdes.ClickEvent.Serialize(e, SerializationContext.Empty))).ToList();

    private static ClickEvent? TryDeserialize(byte[] value)
    {
        try
        {
            return JsonSerdes.ClickEvent.Deserialize(value, isNull: false, SerializationContext.Empty);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The sessions of the first <see cref="Sample"/> events, each in event-time order, duplicates dropped.</summary>
    private static List<List<ClickEvent>> CompleteSessions(ClickstreamGeneratorOptions options)
    {
        var bound = (long)options.MaxArrivalDelay.TotalMilliseconds;
        var arrived = new ClickstreamGenerator(options).Generate(Sample).ToList();

        // Any event not yet delivered has timestamp >= last delivered timestamp - bound, so everything earlier
        // is complete: sessions cut from that prefix are exactly the real ones.
        var complete = arrived[^1].Timestamp!.Value - bound;
        return arrived
            .DistinctBy(e => e.EventId)
            .Where(e => e.Timestamp < complete)
            .GroupBy(e => e.CustomerId!)
            .SelectMany(g => Sessionize(g.OrderBy(e => e.Timestamp).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private static IEnumerable<List<ClickEvent>> Sessionize(List<ClickEvent> ordered)
    {
        var session = new List<ClickEvent>();
        foreach (var e in ordered)
        {
            if (session.Count > 0 && e.Timestamp - session[^1].Timestamp > SessionGap.TotalMilliseconds)
            {
                yield return session;
                session = [];
            }

            session.Add(e);
        }

        if (session.Count > 0)
        {
            yield return session;
        }
    }
}
