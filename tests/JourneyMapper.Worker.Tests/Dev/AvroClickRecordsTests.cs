using Confluent.Kafka;
using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Serialization.Tests.AvroSerdes;
using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Dev;
using Xunit;

namespace JourneyMapper.Worker.Tests.Dev;

public sealed class AvroClickRecordsTests
{
    private const string Topic = "clickstream.events";
    private const int Sample = 5_000;
    private static readonly SerializationContext Context = new(MessageComponentType.Value, Topic);

    [Fact]
    public void ValidRecordsAreTheEventsInAvroAndEachMalformedOneFailsAsDocumented()
    {
        var serde = AvroRecordSerdes.ClickEvent(new FakeSchemaRegistry());
        var records = Records();

        var encoded = AvroClickRecords.Encode(records, serde, Topic).ToList();

        Assert.Equal(records.Where(r => r.IsValid).Select(r => r.Event), encoded.Where(r => r.IsValid).Select(r => serde.Deserialize(r.Value, isNull: false, Context)));
        Assert.Equal(Enum.GetValues<RecordDefect>(), encoded.Select(r => r.Defect).Distinct().Order());
        Assert.All(encoded.Where(r => !r.IsValid), record =>
        {
            switch (record.Defect)
            {
                case RecordDefect.NotJson:
                    Assert.Equal(AvroSerdeError.UnknownMagicByte, Rejection(serde, record));
                    break;
                case RecordDefect.TruncatedJson:
                    Assert.Equal(AvroSerdeError.MalformedBody, Rejection(serde, record));
                    break;
                case RecordDefect.MissingEventId:
                    Assert.Equal("", serde.Deserialize(record.Value, isNull: false, Context).EventId);
                    break;
                case RecordDefect.BadTimestamp:
                    Assert.True(ConfluentWireFormat.TryReadHeader(record.Value, out var schemaId, out _));
                    Assert.Equal(AvroClickRecords.UnregisteredSchemaId, schemaId);
                    break;
            }
        });
    }

    [Fact]
    public void MalformedRecordsComeJustBeforeTheValidRecordOfTheirEventThoseSentAsIsFirst()
    {
        var records = Records();

        var encoded = AvroClickRecords.Encode(records, AvroRecordSerdes.ClickEvent(new FakeSchemaRegistry()), Topic);

        var expected = new List<(string Key, RecordDefect Defect)>();
        var malformed = new List<GeneratedRecord>();
        foreach (var record in records)
        {
            if (!record.IsValid)
            {
                malformed.Add(record);
                continue;
            }

            expected.AddRange(malformed.OrderBy(r => r.Defect == RecordDefect.NotJson ? 0 : 1).Select(r => (r.Event.CustomerId!, r.Defect)));
            expected.Add((record.Event.CustomerId!, RecordDefect.None));
            malformed.Clear();
        }

        Assert.Equal(expected, encoded.Take(expected.Count).Select(r => (r.Key, r.Defect)));
    }

    private static List<GeneratedRecord> Records() =>
        new ClickstreamGenerator(new ClickstreamGeneratorOptions { Seed = 19, InvalidRate = 0.05 }).StreamRecords().Take(Sample).ToList();

    private static AvroSerdeError Rejection(AvroSerde<ClickEvent> serde, RawClickRecord record) =>
        Assert.Throws<AvroSerdeException>(() => serde.Deserialize(record.Value, isNull: false, Context)).Reason;
}
