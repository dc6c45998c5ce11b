using JourneyMapper.Journeys.Classification;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Classification;

/// <summary>
/// The features a classification reports are held in an array, not a dictionary: whoever reads them, as a dictionary
/// or through either codec, must get what a dictionary with the same entries in the same order gives.
/// </summary>
public sealed class FeatureValuesTests
{
    private static readonly KeyValuePair<string, double>[] Entries =
    [
        KeyValuePair.Create("maxProductViews", 3.0),
        KeyValuePair.Create("purchase.count", 0.0),
        KeyValuePair.Create("durationMinutes", 12.5),
        KeyValuePair.Create("wëird-ñame", -1.25),
    ];

    [Fact]
    public void ItReadsAsADictionaryOfItsEntriesInOrder()
    {
        var features = new FeatureValues([.. Entries]);

        Assert.Equal(4, features.Count);
        Assert.Equal(Entries, features);
        Assert.Equal(Entries.Select(entry => entry.Key), features.Keys);
        Assert.Equal(Entries.Select(entry => entry.Value), features.Values);
        Assert.Equal(12.5, features["durationMinutes"]);
        Assert.True(features.TryGetValue("wëird-ñame", out var weird));
        Assert.Equal(-1.25, weird);
        Assert.True(features.ContainsKey("purchase.count"));
        Assert.False(features.ContainsKey("Purchase.count"));
        Assert.False(features.TryGetValue("eventCount", out var absent));
        Assert.Equal(0, absent);
        Assert.Throws<KeyNotFoundException>(() => features["eventCount"]);
        Assert.Equal(Entries[1], features[1]);
    }

    [Fact]
    public void BothCodecsWriteTheSameBytesAsForADictionary()
    {
        var asDictionary = new JourneySegment
        {
            SessionId = "s-1",
            Start = 1_000,
            End = 7_000,
            PrimarySegment = "high-intent-buyer",
            Features = new Dictionary<string, double>(Entries, StringComparer.Ordinal),
        };
        var asArray = asDictionary with { Features = new FeatureValues([.. Entries]) };

        var avro = JourneySegmentAvroCodec.Instance.Encode(asArray);
        Assert.Equal(JourneySegmentAvroCodec.Instance.Encode(asDictionary), avro);
        Assert.Equal(Entries, JourneySegmentAvroCodec.Instance.Decode(avro).Features);

        var json = JsonSerdes.JourneySegment.Serialize(asArray, default);
        Assert.Equal(JsonSerdes.JourneySegment.Serialize(asDictionary, default), json);
    }

    [Fact]
    public void NoFeaturesWriteAsAnEmptyMap()
    {
        var empty = new JourneySegment { SessionId = "s-2", Start = 1, End = 1, PrimarySegment = "bounce", Features = new FeatureValues([]) };

        Assert.Empty(JourneySegmentAvroCodec.Instance.Decode(JourneySegmentAvroCodec.Instance.Encode(empty)).Features);
    }
}
