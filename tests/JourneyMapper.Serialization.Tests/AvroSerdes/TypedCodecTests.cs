using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Tests.Records;
using Xunit;

namespace JourneyMapper.Serialization.Tests.AvroSerdes;

/// <summary>The hand-written codecs: round trips, byte-for-byte agreement with the generic writer, and malformed input.</summary>
public sealed class TypedCodecTests
{
    public static TheoryData<string> Samples => ["full", "minimal", "typical"];

    private static ClickEvent ClickEventSample(string name) => name switch
    {
        "full" => RecordSamples.FullClickEvent(),
        "minimal" => RecordSamples.MinimalClickEvent(),
        _ => RecordSamples.TypicalClickEvent(),
    };

    private static UserProfile UserProfileSample(string name) =>
        name == "minimal" ? RecordSamples.MinimalUserProfile() : RecordSamples.FullUserProfile();

    private static JourneySegment JourneySegmentSample(string name) =>
        name == "minimal" ? RecordSamples.MinimalJourneySegment() : RecordSamples.FullJourneySegment();

    [Theory]
    [MemberData(nameof(Samples))]
    public void ClickEventRoundTripsAndMatchesTheGenericWriter(string sample)
    {
        var codec = ClickEventAvroCodec.Instance;
        var value = ClickEventSample(sample);

        var bytes = codec.Encode(value);

        Assert.Equal(GenericDatumWriter.For(codec.Schema).Serialize(RecordSamples.ToGeneric(value)), bytes);
        Assert.Equivalent(value, codec.Decode(bytes), strict: true);
        Assert.Equal(RecordSamples.ToGeneric(value), new GenericDatumReader(codec.Schema).Read(bytes));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void UserProfileRoundTripsAndMatchesTheGenericWriter(string sample)
    {
        var codec = UserProfileAvroCodec.Instance;
        var value = UserProfileSample(sample);

        var bytes = codec.Encode(value);

        Assert.Equal(GenericDatumWriter.For(codec.Schema).Serialize(RecordSamples.ToGeneric(value)), bytes);
        Assert.Equal(value, codec.Decode(bytes));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void JourneySegmentRoundTripsAndMatchesTheGenericWriter(string sample)
    {
        var codec = JourneySegmentAvroCodec.Instance;
        var value = JourneySegmentSample(sample);

        var bytes = codec.Encode(value);

        Assert.Equal(GenericDatumWriter.For(codec.Schema).Serialize(RecordSamples.ToGeneric(value)), bytes);
        Assert.Equivalent(value, codec.Decode(bytes), strict: true);
        Assert.Equal(RecordSamples.ToGeneric(value), new GenericDatumReader(codec.Schema).Read(bytes));
    }

    [Fact]
    public void AMinimalClickEventHasTheSpecifiedEncoding()
    {
        // "e-1" (length 3 -> zigzag 06), timestamp -1 (zigzag 01), "page_view" (length 9 -> 12), then branch 0
        // (null) for the ten optional strings and the properties map.
        var expected = "06 652d31 01 12 706167655f76696577 00 00 00 00 00 00 00 00 00 00 00";

        Assert.Equal(Hex(expected), ClickEventAvroCodec.Instance.Encode(RecordSamples.MinimalClickEvent()));
    }

    [Fact]
    public void TheTypicalClickEventIsAbout200Bytes() =>
        Assert.InRange(ClickEventAvroCodec.Instance.Encode(RecordSamples.TypicalClickEvent()).Length, 170, 230);

    [Fact]
    public void ManyRandomClickEventsMatchTheGenericCodecBothWays()
    {
        var random = new Random(20241122);
        var codec = ClickEventAvroCodec.Instance;
        var generic = GenericDatumWriter.For(codec.Schema);
        for (var i = 0; i < 500; i++)
        {
            var value = RandomClickEvent(random);

            var bytes = codec.Encode(value);

            Assert.Equal(generic.Serialize(RecordSamples.ToGeneric(value)), bytes);
            Assert.Equivalent(value, codec.Decode(bytes), strict: true);
        }
    }

    [Theory]
    [InlineData(Tier.Unknown)]
    [InlineData(Tier.Standard)]
    [InlineData(Tier.Silver)]
    [InlineData(Tier.Gold)]
    [InlineData(Tier.Platinum)]
    public void EveryTierRoundTrips(Tier tier)
    {
        var value = RecordSamples.MinimalUserProfile() with { Tier = tier };

        Assert.Equal(value, UserProfileAvroCodec.Instance.Decode(UserProfileAvroCodec.Instance.Encode(value)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ClosedBy.Unknown)]
    [InlineData(ClosedBy.Inactivity)]
    [InlineData(ClosedBy.MaxDuration)]
    [InlineData(ClosedBy.IdleTimeout)]
    [InlineData(ClosedBy.Shutdown)]
    public void EveryClosedByRoundTrips(ClosedBy? closedBy)
    {
        var value = RecordSamples.MinimalJourneySegment() with { ClosedBy = closedBy };

        var bytes = JourneySegmentAvroCodec.Instance.Encode(value);

        Assert.Equal(closedBy, JourneySegmentAvroCodec.Instance.Decode(bytes).ClosedBy);
        Assert.Equal(GenericDatumWriter.For(JourneySegmentAvroCodec.Instance.Schema).Serialize(RecordSamples.ToGeneric(value)), bytes);
    }

    [Fact]
    public void EnumValuesOutsideTheSchemaAreRefused()
    {
        Assert.Throws<AvroException>(() => UserProfileAvroCodec.Instance.Encode(RecordSamples.MinimalUserProfile() with { Tier = (Tier)5 }));
        Assert.Throws<AvroException>(() => JourneySegmentAvroCodec.Instance.Encode(RecordSamples.MinimalJourneySegment() with { ClosedBy = (ClosedBy)(-1) }));
    }

    [Theory]
    [InlineData("0", "0200")]
    [InlineData("12.5", "04 04e2")]
    [InlineData("12.50", "04 04e2")]
    [InlineData("12.500", "04 04e2")]
    [InlineData("-0.01", "02 ff")]
    [InlineData("1.28", "04 0080")]
    [InlineData("-1.29", "04 ff7f")]
    [InlineData("9999999999.99", "0c 00e8d4a50fff")]
    [InlineData("-9999999999.99", "0c ff172b5af001")]
    public void LifetimeValueIsDecimal12Scale2Bytes(string value, string expectedBytes)
    {
        var money = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var profile = RecordSamples.MinimalUserProfile() with { LifetimeValue = money };
        var codec = UserProfileAvroCodec.Instance;

        var bytes = codec.Encode(profile);

        // userId "user-1" (7 bytes), tier 0, persona null, then the lifetimeValue branch 1 and its bytes.
        Assert.Equal(Hex("02" + expectedBytes), bytes.AsSpan(9, 1 + Hex(expectedBytes).Length).ToArray());
        Assert.Equal(GenericDatumWriter.For(codec.Schema).Serialize(RecordSamples.ToGeneric(profile)), bytes);
        var read = codec.Decode(bytes).LifetimeValue;
        Assert.Equal(money, read);
        Assert.Equal(2, read!.Value.Scale);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("10000000000")]
    [InlineData("-10000000000.00")]
    public void LifetimeValuesTheSchemaCannotHoldAreRefused(string value)
    {
        var profile = RecordSamples.MinimalUserProfile() with { LifetimeValue = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Throws<AvroException>(() => UserProfileAvroCodec.Instance.Encode(profile));

        Assert.Contains("UserProfile.lifetimeValue", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("timestamp")]
    [InlineData("eventType")]
    public void AClickEventWithoutARequiredFieldCannotBeWritten(string missing)
    {
        var value = missing switch
        {
            "eventId" => RecordSamples.TypicalClickEvent() with { EventId = null },
            "timestamp" => RecordSamples.TypicalClickEvent() with { Timestamp = null },
            _ => RecordSamples.TypicalClickEvent() with { EventType = null },
        };

        var error = Assert.Throws<AvroException>(() => ClickEventAvroCodec.Instance.Encode(value));

        Assert.Equal($"ClickEvent.{missing} is null, but the Avro schema requires it", error.Message);
    }

    [Fact]
    public void NullCollectionsAreEmpty()
    {
        var value = RecordSamples.MinimalJourneySegment() with { EventIds = null!, Path = null!, Features = null!, Segments = null! };

        var decoded = JourneySegmentAvroCodec.Instance.Decode(JourneySegmentAvroCodec.Instance.Encode(value));

        Assert.Empty(decoded.EventIds);
        Assert.Empty(decoded.Path);
        Assert.Empty(decoded.Features);
        Assert.Empty(decoded.Segments);
    }

    [Fact]
    public void NullsInsideRequiredCollectionsCannotBeWritten()
    {
        var codec = JourneySegmentAvroCodec.Instance;
        Assert.Throws<AvroException>(() => codec.Encode(RecordSamples.MinimalJourneySegment() with { Path = ["a", null!] }));
        Assert.Throws<AvroException>(() => codec.Encode(RecordSamples.MinimalJourneySegment() with { Segments = [new SegmentMatch("a", null!)] }));
    }

    [Fact]
    public void PropertiesKeepTheirOrderAndAnyNumberOfEntries()
    {
        var properties = Enumerable.Range(0, 9).ToDictionary(i => $"k{i}", i => $"v{i}");
        var value = RecordSamples.MinimalClickEvent() with { Properties = properties };
        var codec = ClickEventAvroCodec.Instance;

        var decoded = codec.Decode(codec.Encode(value)).Properties!.Value;

        Assert.Equal(properties.ToList(), decoded.ToList());
        Assert.Equal(codec.Encode(value), codec.Encode(RecordSamples.MinimalClickEvent() with { Properties = decoded }));
    }

    [Fact]
    public void DecodedSmallPropertiesBehaveAsADictionary()
    {
        var codec = ClickEventAvroCodec.Instance;
        var properties = codec.Decode(codec.Encode(RecordSamples.TypicalClickEvent())).Properties!.Value;

        Assert.Equal(2, properties.Count);
        Assert.Equal("EUR", properties["currency"]);
        Assert.True(properties.TryGetValue("price", out var price));
        Assert.Equal("49.90", price);
        Assert.False(properties.ContainsKey("Price"));
        Assert.Throws<KeyNotFoundException>(() => properties["missing"]);
        Assert.Equal(["currency", "price"], properties.Keys);
        Assert.Equal(["EUR", "49.90"], properties.Values);
        Assert.Equal([new("currency", "EUR"), new KeyValuePair<string, string>("price", "49.90")], properties.ToList());
    }

    [Fact]
    public void ARepeatedMapKeyKeepsItsLastValueAsJavaDoes()
    {
        // The minimal event's prefix, then properties: branch 1, one block of 3 entries (a=1, b=2, a=3), end.
        var bytes = Hex("06 652d31 01 12 706167655f76696577 00 00 00 00 00 00 00 00 00 00 02 06 0261 0231 0262 0232 0261 0233 00");

        var properties = ClickEventAvroCodec.Instance.Decode(bytes).Properties!.Value;

        Assert.Equal([new("a", "3"), new KeyValuePair<string, string>("b", "2")], properties.ToList());
    }

    [Fact]
    public void ManyBlocksDecodeAsOne()
    {
        // eventIds as two blocks, the second with its byte size (negative count): ["x"], ["y", "z"].
        var value = RecordSamples.MinimalJourneySegment();
        var oneBlock = JourneySegmentAvroCodec.Instance.Encode(value with { EventIds = ["x", "y", "z"] });
        var bytes = Convert.ToHexString(oneBlock).ToLowerInvariant()
            .Replace("0602780279027a00", "02027803080279027a00", StringComparison.Ordinal);

        Assert.Equal(["x", "y", "z"], JourneySegmentAvroCodec.Instance.Decode(Hex(bytes)).EventIds);
    }

    [Fact]
    public void EveryTruncationOfARecordIsMalformedInputAndNothingElse()
    {
        var codecs = new (Func<ReadOnlyMemory<byte>, object> Decode, byte[] Bytes)[]
        {
            (b => ClickEventAvroCodec.Instance.Decode(b.Span), ClickEventAvroCodec.Instance.Encode(RecordSamples.FullClickEvent())),
            (b => UserProfileAvroCodec.Instance.Decode(b.Span), UserProfileAvroCodec.Instance.Encode(RecordSamples.FullUserProfile())),
            (b => JourneySegmentAvroCodec.Instance.Decode(b.Span), JourneySegmentAvroCodec.Instance.Encode(RecordSamples.FullJourneySegment())),
        };
        foreach (var (decode, bytes) in codecs)
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Throws<AvroException>(() => decode(bytes.AsMemory(0, length)));
            }

            var longer = bytes.Append((byte)0).ToArray();
            Assert.Equal("1 bytes left after the record", Assert.Throws<AvroException>(() => decode(longer)).Message);
        }
    }

    [Fact]
    public void OutOfRangeBranchesAndSymbolsAreMalformedInput()
    {
        // userId's union branch 2 does not exist.
        Assert.Throws<AvroException>(() => ClickEventAvroCodec.Instance.Decode(Hex("06 652d31 01 12 706167655f76696577 04")));

        // tier symbol 5 does not exist.
        Assert.Throws<AvroException>(() => UserProfileAvroCodec.Instance.Decode(Hex("02 75 0a 00 00 00 00 00 00")));
    }

    [Fact]
    public void TheCodecsEncodeTheSchemaFilesTheRepositoryHolds()
    {
        var schemas = Path.Combine(TestSupport.RepositoryRoot.Path, "schemas");
        foreach (var name in new[] { "ClickEvent.avsc", "UserProfile.avsc", "JourneySegment.avsc" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(schemas, name)), RecordSchemas.ReadText(name));
        }

        Assert.Same(RecordSchemas.ClickEvent, ClickEventAvroCodec.Instance.Schema);
        Assert.Same(RecordSchemas.UserProfile, UserProfileAvroCodec.Instance.Schema);
        Assert.Same(RecordSchemas.JourneySegment, JourneySegmentAvroCodec.Instance.Schema);

        // What the serde registers is the full schema (docs and defaults kept) and means the same.
        var registered = AvroSchema.Parse(ClickEventAvroCodec.Instance.SchemaJson);
        Assert.Equal(RecordSchemas.ClickEvent.ToCanonicalForm(), registered.ToCanonicalForm());
        Assert.Contains("\"doc\":", ClickEventAvroCodec.Instance.SchemaJson, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RecordSchemas.ReadText("Nope.avsc"));
    }

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static ClickEvent RandomClickEvent(Random random)
    {
        string? Text(bool optional) =>
            optional && random.Next(3) == 0 ? null : new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => RandomChar(random)).ToArray());

        return new ClickEvent
        {
            EventId = Text(false),
            Timestamp = random.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, _ => random.NextInt64(-1L << 50, 1L << 50) },
            EventType = Text(false),
            UserId = Text(true),
            AnonymousId = Text(true),
            Channel = Text(true),
            ProductId = Text(true),
            PageUrl = Text(true),
            Referrer = Text(true),
            Campaign = Text(true),
            DeviceId = Text(true),
            IpAddress = Text(true),
            UserAgent = Text(true),
            Properties = random.Next(3) == 0
                ? null
                : Enumerable.Range(0, random.Next(0, 8)).ToDictionary(i => $"key{i}{Text(false)}", _ => Text(false)!),
        };
    }

    // Mostly ASCII, some Latin-1, some beyond the BMP (surrogate pairs), as real event text is.
    private static char RandomChar(Random random) => random.Next(10) switch
    {
        0 => (char)random.Next(0xA0, 0x17F),
        1 => (char)random.Next(0x4E00, 0x9FFF),
        _ => (char)random.Next(0x20, 0x7F),
    };
}
