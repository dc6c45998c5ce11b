using JourneyMapper.Journeys.Privacy;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Privacy;

public sealed class PrivacyFilterTests
{
    private const string Salt = "test-salt-0123456789abcdef";

    // Expected hashes are the first 32 hex characters of `printf %s VALUE | openssl dgst -sha256 -hmac SALT`.
    [Theory]
    [InlineData(Salt, "203.0.113.7", "d6bf5ab108dab48aabaa6967862e15cf")]
    [InlineData(Salt, "198.51.100.23", "68a456da68b41112eac2060afbb7b16e")]
    [InlineData(Salt, "device-42", "e8cbaab7343e4caa7b7be7771326153a")]
    [InlineData(Salt, "Zoë ✓", "bb15bccabf21140811fc9618bb46de68")]
    [InlineData("another-salt-0123456789", "203.0.113.7", "ede3d4a6dbc7eb537429cebda60b570a")]
    [InlineData("Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c7")] // RFC 4231, test case 2
    public void HashIsTruncatedHmacSha256InLowercaseHex(string salt, string value, string expected)
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = salt });

        Assert.Equal(expected, filter.Hash(value));
        Assert.Equal(PrivacyFilter.HashLength, expected.Length);
    }

    [Fact]
    public void ValueLongerThanTheStackBufferHashesTheSame()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt });

        Assert.Equal("1d4f22d12b8b1ccd21630de651604afa", filter.Hash(new string('x', 300)));
    }

    [Fact]
    public void HashIsStableAcrossFilterInstances()
    {
        var first = new PrivacyFilter(new PrivacyOptions { Salt = Salt });
        var second = new PrivacyFilter(new PrivacyOptions { Salt = Salt });

        Assert.Equal(first.Hash("203.0.113.7"), second.Hash("203.0.113.7"));
    }

    [Fact]
    public void FiltersWithDifferentSaltsTakingTurnsOnManyThreadsEachKeepTheirOwnKey()
    {
        var first = new PrivacyFilter(new PrivacyOptions { Salt = Salt });
        var second = new PrivacyFilter(new PrivacyOptions { Salt = "another-salt-0123456789" });

        var hashes = Enumerable.Range(0, 4_000).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => i % 2 == 0 ? first.Hash("203.0.113.7") : second.Hash("203.0.113.7"))
            .ToList();

        Assert.Equal(2_000, hashes.Count(hash => hash == "d6bf5ab108dab48aabaa6967862e15cf"));
        Assert.Equal(2_000, hashes.Count(hash => hash == "ede3d4a6dbc7eb537429cebda60b570a"));
    }

    [Fact]
    public void DefaultsHashTheIpAddressAndKeepTheOtherFields()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt });
        var clickEvent = Personal();

        var result = filter.Apply(clickEvent);

        Assert.Equivalent(clickEvent with { IpAddress = "d6bf5ab108dab48aabaa6967862e15cf" }, result, strict: true);
        Assert.Equal("203.0.113.7", clickEvent.IpAddress);
    }

    [Fact]
    public void EachFieldFollowsItsOwnAction()
    {
        var filter = new PrivacyFilter(new PrivacyOptions
        {
            Salt = Salt,
            IpAddress = FieldAction.Drop,
            UserAgent = FieldAction.Drop,
            DeviceId = FieldAction.Hash,
            PageUrl = FieldAction.Drop,
            Referrer = FieldAction.Hash,
        });

        var clickEvent = Personal();

        var result = filter.Apply(clickEvent);

        Assert.Equivalent(
            clickEvent with
            {
                IpAddress = null,
                UserAgent = null,
                DeviceId = "e8cbaab7343e4caa7b7be7771326153a",
                PageUrl = null,
                Referrer = filter.Hash("https://search.example.org/?q=alice"),
            },
            result,
            strict: true);
    }

    [Fact]
    public void IdentityFieldsAreNeverTouched()
    {
        var filter = new PrivacyFilter(new PrivacyOptions
        {
            Salt = Salt,
            UserAgent = FieldAction.Hash,
            DeviceId = FieldAction.Hash,
            PageUrl = FieldAction.Hash,
            Referrer = FieldAction.Hash,
            Properties = FieldAction.Drop,
        });

        var result = filter.Apply(Personal());

        Assert.Equal(("evt-1", 1_700_000_000_000L, "product_view", "user-1", "anon-1", "web", "sku-9", "spring"),
            (result.EventId, result.Timestamp, result.EventType, result.UserId, result.AnonymousId, result.Channel, result.ProductId, result.Campaign));
    }

    [Fact]
    public void NullAndEmptyValuesAreNotHashed()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, DeviceId = FieldAction.Hash });
        var clickEvent = Personal() with { IpAddress = "", DeviceId = null, Properties = null };

        Assert.Same(clickEvent, filter.Apply(clickEvent));
    }

    [Fact]
    public void DropTurnsAnEmptyValueIntoNull()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, UserAgent = FieldAction.Drop });

        Assert.Null(filter.Apply(Personal() with { UserAgent = "" }).UserAgent);
    }

    [Fact]
    public void DefaultWhitelistKeepsCommerceFiguresAndDropsFreeTextAndForeignIds()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt });
        var clickEvent = Personal() with
        {
            Properties = new Dictionary<string, string>
            {
                ["currency"] = "EUR",
                ["price"] = "19.90",
                ["query"] = "alice@example.com",
                ["orderId"] = "o-77",
                ["emailId"] = "mail-7",
                ["Currency"] = "case matters",
            },
        };

        var result = filter.Apply(clickEvent);

        Assert.Equal(new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = "19.90" }, result.Properties);
        Assert.Equal(6, clickEvent.Properties?.Count);
    }

    [Fact]
    public void DefaultWhitelistIsTheDocumentedList()
    {
        Assert.Equal(
            ["currency", "price", "quantity", "value", "items", "category", "results", "topic", "medium", "rating"],
            PrivacyOptions.DefaultPropertiesWhitelist);
    }

    [Fact]
    public void ConfiguredWhitelistReplacesTheDefault()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, PropertiesWhitelist = ["query"] });
        var clickEvent = Personal() with { Properties = new Dictionary<string, string> { ["query"] = "shoes", ["price"] = "5" } };

        Assert.Equal(new Dictionary<string, string> { ["query"] = "shoes" }, filter.Apply(clickEvent).Properties);
    }

    [Fact]
    public void StarKeepsEveryProperty()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, IpAddress = FieldAction.Keep, PropertiesWhitelist = ["*"] });
        var clickEvent = Personal() with { Properties = new Dictionary<string, string> { ["query"] = "shoes", ["anything"] = "x" } };

        Assert.Same(clickEvent, filter.Apply(clickEvent));
    }

    [Fact]
    public void PropertiesDropRemovesThemAll()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, IpAddress = FieldAction.Keep, Properties = FieldAction.Drop, PropertiesWhitelist = ["*"] });

        Assert.Null(filter.Apply(Personal()).Properties);
    }

    [Fact]
    public void NoWhitelistedPropertyLeftGivesNullProperties()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, IpAddress = FieldAction.Keep });
        var clickEvent = Personal() with { Properties = new Dictionary<string, string> { ["query"] = "alice" } };

        Assert.Null(filter.Apply(clickEvent).Properties);
    }

    [Fact]
    public void UnchangedEventIsReturnedAsTheSameInstanceWithoutAllocating()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt });
        var fromDictionary = Personal() with { IpAddress = null };
        var fromAvro = Roundtrip(fromDictionary);

        // More entries than the map holds inline: it keeps them in a dictionary of its own, walked just as cheaply.
        var large = fromDictionary with
        {
            Properties = new Dictionary<string, string>
            {
                ["currency"] = "EUR", ["price"] = "19.90", ["quantity"] = "2", ["value"] = "39.80", ["items"] = "2", ["category"] = "shoes",
            },
        };
        Assert.True(large.Properties?.Count > EventProperties.InlineCapacity);
        filter.Apply(fromDictionary);
        filter.Apply(fromAvro);
        filter.Apply(large);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Same(fromDictionary, filter.Apply(fromDictionary));
            Assert.Same(fromAvro, filter.Apply(fromAvro));
            Assert.Same(large, filter.Apply(large));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WhitelistingASmallMapAllocatesOnlyTheCopiedEvent()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, IpAddress = FieldAction.Keep });
        var clickEvent = Personal() with
        {
            Properties = new Dictionary<string, string> { ["price"] = "5", ["query"] = "alice", ["currency"] = "EUR" },
        };
        var unchanged = clickEvent with { Properties = new Dictionary<string, string> { ["price"] = "5" } };
        filter.Apply(clickEvent);
        filter.Apply(unchanged);

        var before = GC.GetAllocatedBytesForCurrentThread();
        filter.Apply(unchanged);
        var eventBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        var result = filter.Apply(clickEvent);
        var filteredBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, eventBytes);
        Assert.Equal(new Dictionary<string, string> { ["price"] = "5", ["currency"] = "EUR" }, result.Properties);
        Assert.Equal(Allocated(() => clickEvent with { }), filteredBytes);
    }

    [Fact]
    public void PropertiesReadByTheAvroSerdeAreFilteredLikeADictionary()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { Salt = Salt, IpAddress = FieldAction.Keep });
        var clickEvent = Roundtrip(Personal() with
        {
            Properties = new Dictionary<string, string> { ["price"] = "5", ["query"] = "alice", ["currency"] = "EUR" },
        });

        var result = filter.Apply(clickEvent);

        Assert.NotSame(clickEvent, result);
        Assert.Equal(new Dictionary<string, string> { ["price"] = "5", ["currency"] = "EUR" }, result.Properties);
    }

    [Fact]
    public void DevelopmentSaltIsUsedOnlyWhenTheHostOptsIn()
    {
        var error = Assert.Throws<ArgumentException>(() => new PrivacyFilter(new PrivacyOptions()));
        Assert.StartsWith("JourneyMapper:Privacy:Salt is required when a field is hashed.", error.Message, StringComparison.Ordinal);

        var development = new PrivacyFilter(new PrivacyOptions { UseDevelopmentSalt = true });
        Assert.Equal("7310ba849d7d30552e527a74e773f015", development.Hash("203.0.113.7"));

        var configured = new PrivacyFilter(new PrivacyOptions { UseDevelopmentSalt = true, Salt = Salt });
        Assert.Equal("d6bf5ab108dab48aabaa6967862e15cf", configured.Hash("203.0.113.7"));
    }

    [Fact]
    public void NoSaltIsNeededWhenNothingIsHashed()
    {
        var filter = new PrivacyFilter(new PrivacyOptions { IpAddress = FieldAction.Drop });

        Assert.Null(filter.Apply(Personal()).IpAddress);
        Assert.Throws<InvalidOperationException>(() => filter.Hash("x"));
    }

    [Fact]
    public void UnknownActionsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new PrivacyFilter(new PrivacyOptions { Salt = Salt, DeviceId = (FieldAction)7 }));
        Assert.StartsWith("JourneyMapper:Privacy:DeviceId is 7: use Keep, Drop or Hash.", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => new PrivacyFilter(new PrivacyOptions { Salt = Salt, Properties = FieldAction.Hash }));
        Assert.StartsWith("JourneyMapper:Privacy:Properties is Hash: use Keep or Drop.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsToStringHidesTheSalt()
    {
        var text = new PrivacyOptions { Salt = Salt }.ToString();

        Assert.DoesNotContain(Salt, text, StringComparison.Ordinal);
        Assert.Contains("Salt=(set)", text, StringComparison.Ordinal);
    }

    private static long Allocated(Func<object> allocate)
    {
        GC.KeepAlive(allocate());
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(allocate());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static ClickEvent Roundtrip(ClickEvent clickEvent)
    {
        var codec = ClickEventAvroCodec.Instance;
        return codec.Decode(codec.Encode(clickEvent));
    }

    private static ClickEvent Personal() => new()
    {
        EventId = "evt-1",
        Timestamp = 1_700_000_000_000,
        EventType = "product_view",
        UserId = "user-1",
        AnonymousId = "anon-1",
        Channel = "web",
        ProductId = "sku-9",
        PageUrl = "https://shop.example.com/p/sku-9?email=alice@example.com",
        Referrer = "https://search.example.org/?q=alice",
        Campaign = "spring",
        DeviceId = "device-42",
        IpAddress = "203.0.113.7",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
        Properties = new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = "19.90" },
    };
}
