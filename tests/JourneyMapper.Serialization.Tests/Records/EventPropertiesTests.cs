using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Records;

/// <summary>The event properties map: a dictionary in behaviour, a value in equality, inline when small.</summary>
public sealed class EventPropertiesTests
{
    private static EventProperties Of(params (string Key, string Value)[] entries)
    {
        var builder = new EventProperties.Builder();
        foreach (var (key, value) in entries)
        {
            builder.Set(key, value);
        }

        return builder.ToProperties();
    }

    private static (string, string)[] Entries(int count) =>
        Enumerable.Range(0, count).Select(i => ($"k{i}", $"v{i}")).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EventProperties.InlineCapacity)]
    [InlineData(EventProperties.InlineCapacity + 1)]
    [InlineData(20)]
    public void SmallAndLargeMapsBehaveAsADictionaryInInsertionOrder(int count)
    {
        var entries = Entries(count);
        var properties = Of(entries);

        Assert.Equal(count, properties.Count);
        Assert.Equal(entries.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)), properties.ToList());
        Assert.Equal(entries.Select(e => e.Item1), properties.Keys);
        Assert.Equal(entries.Select(e => e.Item2), properties.Values);
        foreach (var (key, value) in entries)
        {
            Assert.Equal(value, properties[key]);
            Assert.True(properties.TryGetValue(key, out var found));
            Assert.Equal(value, found);
        }

        Assert.False(properties.ContainsKey("K0"));
        Assert.False(properties.TryGetValue("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => properties["missing"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(EventProperties.InlineCapacity + 2)]
    public void ARepeatedKeyKeepsItsPlaceAndTakesTheLastValue(int count)
    {
        var properties = Of([.. Entries(count), ("k0", "again")]);

        Assert.Equal(count, properties.Count);
        Assert.Equal(new KeyValuePair<string, string>("k0", "again"), properties.First());
    }

    [Fact]
    public void DefaultIsTheEmptyMap()
    {
        Assert.Empty(default(EventProperties));
        Assert.Equal(EventProperties.Empty, default);
        Assert.Equal(EventProperties.Empty, Of());
        Assert.Equal("{ }", EventProperties.Empty.ToString());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(EventProperties.InlineCapacity + 3)]
    public void EqualityIsByContentInAnyOrder(int count)
    {
        var entries = Entries(count);
        var properties = Of(entries);
        var reversed = Of([.. entries.Reverse()]);

        Assert.True(properties == reversed);
        Assert.Equal(properties.GetHashCode(), reversed.GetHashCode());
        Assert.True(properties.Equals((object)reversed));
        Assert.True(properties != Of([.. entries[1..]]));
        Assert.True(properties != Of([.. entries[1..], ("k0", "other")]));
        Assert.True(properties != Of([.. entries[1..], ("K0", "v0")]));
    }

    [Fact]
    public void ClickEventsWithTheSamePropertiesAreEqual()
    {
        var first = RecordSamples.TypicalClickEvent();
        var second = first with { Properties = new Dictionary<string, string> { ["price"] = "49.90", ["currency"] = "EUR" } };

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, first with { Properties = new Dictionary<string, string> { ["currency"] = "EUR" } });
        Assert.NotEqual(first, first with { Properties = EventProperties.Empty });
        Assert.NotEqual(first with { Properties = null }, first with { Properties = EventProperties.Empty });
    }

    [Fact]
    public void ADictionaryConvertsByCopyAndNullStaysNull()
    {
        var dictionary = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["currency"] = "EUR" };
        EventProperties? properties = dictionary;
        dictionary["price"] = "49.90";
        Dictionary<string, string>? none = null;
        EventProperties? converted = none;

        Assert.Equal(Of(("currency", "EUR")), properties);
        Assert.False(properties!.Value.ContainsKey("CURRENCY"));
        Assert.Null(converted);
        Assert.Equal(Of(("a", "1"), ("b", "2")), EventProperties.From([new("a", "1"), new("b", "2")]));
    }

    [Fact]
    public void NullKeysAndValuesAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Of(("a", null!)));
        Assert.Throws<ArgumentNullException>(() => Of((null!, "1")));
        Assert.Throws<ArgumentNullException>(() => EventProperties.FromDictionary(new Dictionary<string, string> { ["a"] = null! }));
    }

    [Fact]
    public void BuildingHandsTheEntriesOverAndLeavesTheBuilderEmpty()
    {
        var builder = new EventProperties.Builder();
        foreach (var (key, value) in Entries(EventProperties.InlineCapacity + 1))
        {
            builder.Set(key, value);
        }

        var properties = builder.ToProperties();
        builder.Set("k0", "changed");

        Assert.Equal(1, builder.Count);
        Assert.Equal("v0", properties["k0"]);
        Assert.Equal(EventProperties.InlineCapacity + 1, properties.Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(EventProperties.InlineCapacity + 2)]
    public void EnumeratingAndLookingUpDoNotAllocate(int count)
    {
        var properties = Of(Entries(count));
        var other = Of([.. Entries(count).Reverse()]);
        Walk(properties, other);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = Walk(properties, other);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(count, found);
    }

    [Fact]
    public void ToStringListsTheEntriesAsRecordsDo() =>
        Assert.Equal("{ currency = EUR, price = 49.90 }", Of(("currency", "EUR"), ("price", "49.90")).ToString());

    private static int Walk(EventProperties properties, EventProperties other)
    {
        var found = 0;
        foreach (var (key, _) in properties)
        {
            found += other.ContainsKey(key) ? 1 : 0;
        }

        return properties == other ? found : -1;
    }
}
