using System.Numerics;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>GenericDatumWriter then GenericDatumReader on the same schema, for every type and the spec's edge cases.</summary>
public sealed class GenericRoundTripTests
{
    private static object? RoundTrip(AvroSchema schema, object? value, string? expectedHex = null)
    {
        byte[] bytes = GenericDatumWriter.For(schema).Serialize(value);
        if (expectedHex is not null)
        {
            Assert.Equal(expectedHex.Replace(" ", string.Empty, StringComparison.Ordinal), TestSchemas.Hex(bytes));
        }

        object? decoded = GenericDatumReader.For(schema, schema).Read(bytes);
        Assert.True(GenericData.DeepEquals(value, decoded), $"{GenericData.ToDisplayString(value)} came back as {GenericData.ToDisplayString(decoded)}");
        return decoded;
    }

    public static TheoryData<string, object?> Primitives => new()
    {
        { "\"null\"", null },
        { "\"boolean\"", true },
        { "\"boolean\"", false },
        { "\"int\"", 0 },
        { "\"int\"", int.MinValue },
        { "\"int\"", int.MaxValue },
        { "\"long\"", long.MinValue },
        { "\"long\"", long.MaxValue },
        { "\"float\"", float.NaN },
        { "\"float\"", float.PositiveInfinity },
        { "\"float\"", float.NegativeInfinity },
        { "\"float\"", -0.0f },
        { "\"double\"", double.NaN },
        { "\"double\"", double.PositiveInfinity },
        { "\"double\"", double.NegativeInfinity },
        { "\"double\"", double.Epsilon },
        { "\"bytes\"", Array.Empty<byte>() },
        { "\"bytes\"", new byte[] { 0, 255, 128 } },
        { "\"string\"", string.Empty },
        { "\"string\"", "ünïcödé ✓ 日本 😀" },
    };

    [Theory]
    [MemberData(nameof(Primitives))]
    public void PrimitivesRoundTrip(string schema, object? value) => RoundTrip(AvroSchema.Parse(schema), value);

    [Fact]
    public void TheSpecificationsRecordExample()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""");
        var record = new GenericRecord(schema) { ["a"] = 27L, ["b"] = "foo" };
        RoundTrip(schema, record, "36 06 66 6f 6f");
    }

    [Fact]
    public void TheSpecificationsArrayAndUnionExamples()
    {
        RoundTrip(AvroSchema.Parse("""{"type":"array","items":"long"}"""), new List<object?> { 3L, 27L }, "04 06 36 00");
        var union = AvroSchema.Parse("""["null","string"]""");
        RoundTrip(union, null, "00");
        RoundTrip(union, "a", "02 02 61");
    }

    [Fact]
    public void EnumsAreTheirSymbolPosition()
    {
        var schema = (EnumSchema)AvroSchema.Parse("""{"type":"enum","name":"Foo","symbols":["A","B","C","D"]}""");
        var decoded = (GenericEnum)RoundTrip(schema, GenericEnum.Of(schema, "D"), "06")!;
        Assert.Equal("D", decoded.Symbol);
        Assert.Same(schema.GetValue(3), decoded);

        // A symbol string is accepted on the way in.
        Assert.Equal("06", TestSchemas.Hex(GenericDatumWriter.For(schema).Serialize("D")));
        Assert.Throws<AvroException>(() => GenericDatumWriter.For(schema).Serialize("E"));
    }

    [Fact]
    public void FixedIsItsBytesWithNoLength()
    {
        var schema = (FixedSchema)AvroSchema.Parse("""{"type":"fixed","name":"md5","size":4}""");
        RoundTrip(schema, new GenericFixed(schema, [1, 2, 3, 4]), "01020304");
        Assert.Throws<AvroException>(() => GenericDatumWriter.For(schema).Serialize(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void EmptyArraysAndMapsAreOneZeroByte()
    {
        RoundTrip(AvroSchema.Parse("""{"type":"array","items":"string"}"""), new List<object?>(), "00");
        RoundTrip(AvroSchema.Parse("""{"type":"map","values":"string"}"""), new Dictionary<string, object?>(), "00");
        RoundTrip(AvroSchema.Parse("""{"type":"array","items":"null"}"""), new List<object?> { null, null, null }, "06 00");
    }

    [Fact]
    public void MapsRoundTrip()
    {
        var schema = AvroSchema.Parse("""{"type":"map","values":{"type":"array","items":"int"}}""");
        RoundTrip(schema, new Dictionary<string, object?>
        {
            ["a"] = new List<object?> { 1, 2 },
            [string.Empty] = new List<object?>(),
            ["ключ"] = new List<object?> { int.MinValue },
        });
    }

    [Fact]
    public void NegativeBlockCountsWithByteSizesDecode()
    {
        // [1,2] as one block of -2 items, 2 bytes; then [3] as a plain block; then the end.
        var schema = AvroSchema.Parse("""{"type":"array","items":"long"}""");
        var decoded = GenericDatumReader.For(schema, schema).Read(TestSchemas.Hex("03 04 02 04 02 06 00"));
        Assert.True(GenericData.DeepEquals(new List<object?> { 1L, 2L, 3L }, decoded));

        var map = AvroSchema.Parse("""{"type":"map","values":"int"}""");
        var decodedMap = GenericDatumReader.For(map, map).Read(TestSchemas.Hex("01 06 02 61 54 00"));
        Assert.True(GenericData.DeepEquals(new Dictionary<string, object?> { ["a"] = 42 }, decodedMap));

        // A block whose items do not fill exactly its declared size is corrupt.
        Assert.Throws<AvroException>(() => GenericDatumReader.For(schema, schema).Read(TestSchemas.Hex("03 06 02 04 06 00")));
    }

    [Fact]
    public void DeepUnionsRoundTrip()
    {
        var schema = AvroSchema.Parse("""
            {"type":"array","items":["null","int","string",
              {"type":"map","values":["null","double",{"type":"array","items":["boolean",
                {"type":"record","name":"Leaf","fields":[{"name":"v","type":["null","long","Leaf"]}]}]}]},
              {"type":"enum","name":"E","symbols":["X","Y"]}]}
            """);
        var leaf = (RecordSchema)((UnionSchema)((ArraySchema)((UnionSchema)((MapSchema)((UnionSchema)((ArraySchema)schema).Items).Branches[3]).Values).Branches[2]).Items).Branches[1];
        var enumSchema = (EnumSchema)((UnionSchema)((ArraySchema)schema).Items).Branches[4];
        var inner = new GenericRecord(leaf) { ["v"] = 7L };
        var outer = new GenericRecord(leaf) { ["v"] = inner };

        RoundTrip(schema, new List<object?>
        {
            null,
            5,
            "s",
            new Dictionary<string, object?> { ["n"] = null, ["d"] = 2.5, ["l"] = new List<object?> { true, outer, false } },
            GenericEnum.Of(enumSchema, "Y"),
        });
    }

    [Fact]
    public void RecursiveLinkedListRoundTrips()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}
            """);
        GenericRecord? head = null;
        for (long i = 0; i < 200; i++)
        {
            head = new GenericRecord(schema) { ["value"] = i, ["next"] = head };
        }

        var decoded = (GenericRecord)RoundTrip(schema, head)!;
        int length = 0;
        for (var node = decoded; node is not null; node = (GenericRecord?)node["next"])
        {
            length++;
        }

        Assert.Equal(200, length);
    }

    [Fact]
    public void ACyclicValueFailsCleanlyInsteadOfOverflowingTheStack()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}
            """);
        var node = new GenericRecord(schema);
        node["next"] = node;
        var error = Assert.Throws<AvroException>(() => GenericDatumWriter.For(schema).Serialize(node));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedHostileInputFailsCleanly()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");

        // Union index 1 a hundred thousand times: each byte opens another record.
        byte[] data = new byte[100_000];
        data.AsSpan().Fill(0x02);
        var error = Assert.Throws<AvroException>(() => GenericDatumReader.For(schema, schema).Read(data));
        Assert.Contains("nest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogicalTypesMapToDotNetTypes()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"L","fields":[
              {"name":"date","type":{"type":"int","logicalType":"date"}},
              {"name":"millis","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"micros","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
              {"name":"big","type":{"type":"fixed","name":"Big","size":16,"logicalType":"decimal","precision":38,"scale":10}},
              {"name":"maybe","type":["null",{"type":"long","logicalType":"timestamp-millis"}]}]}
            """);
        var record = new GenericRecord(schema)
        {
            ["date"] = new DateOnly(1969, 7, 20),
            ["millis"] = new DateTimeOffset(2024, 11, 22, 10, 30, 0, 123, TimeSpan.Zero),
            ["micros"] = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-10),
            ["id"] = Guid.Parse("6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11"),
            ["price"] = new AvroDecimal(-4990, 2),
            ["big"] = new AvroDecimal(BigInteger.Parse("-1234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture), 10),
            ["maybe"] = DateTimeOffset.UnixEpoch,
        };

        RoundTrip(schema, record);

        byte[] bytes = GenericDatumWriter.For(schema).Serialize(record);
        var reader = new AvroReader(bytes);
        Assert.Equal(-165, reader.ReadInt());
        Assert.Equal(1_732_271_400_123, reader.ReadLong());
        Assert.Equal(-315_619_200_000_001, reader.ReadLong());
        Assert.Equal("6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11", reader.ReadString());
        Assert.Equal("ec82", TestSchemas.Hex(reader.ReadBytesSpan()));
    }

    [Fact]
    public void DecimalsAcceptSystemDecimalAndCheckScaleAndPrecision()
    {
        var schema = AvroSchema.Parse("""{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}""");
        var writer = GenericDatumWriter.For(schema);
        var reader = GenericDatumReader.For(schema, schema);

        Assert.Equal(new AvroDecimal(1250, 2), reader.Read(writer.Serialize(12.5m)));
        Assert.Equal(12.5m, ((AvroDecimal)reader.Read(writer.Serialize(12.50m))!).ToDecimal());
        Assert.Throws<AvroException>(() => writer.Serialize(1.234m)); // would need rounding
        Assert.Throws<AvroException>(() => writer.Serialize(1234.5m)); // six digits
        Assert.Equal("-0.05", new AvroDecimal(-5, 2).ToString());
    }

    [Fact]
    public void UuidStringsMustBeWellFormed()
    {
        var schema = AvroSchema.Parse("""{"type":"string","logicalType":"uuid"}""");
        var plain = GenericDatumWriter.For(AvroSchema.Parse("\"string\""));
        Assert.Throws<AvroException>(() => GenericDatumReader.For(schema, schema).Read(plain.Serialize("not-a-uuid")));
    }

    [Fact]
    public void OutOfRangeDatesAndTimestampsAreMalformedInput()
    {
        var date = AvroSchema.Parse("""{"type":"int","logicalType":"date"}""");
        var millis = AvroSchema.Parse("""{"type":"long","logicalType":"timestamp-millis"}""");
        using var writer = new AvroWriter();
        writer.WriteInt(int.MaxValue);
        Assert.Throws<AvroException>(() => GenericDatumReader.For(date, date).Read(writer.WrittenSpan));
        writer.Reset();
        writer.WriteLong(long.MaxValue);
        Assert.Throws<AvroException>(() => GenericDatumReader.For(millis, millis).Read(writer.WrittenSpan));
    }

    [Fact]
    public void UnionsPickTheBranchOfTheValuesOwnTypeFirst()
    {
        var writer = GenericDatumWriter.For(AvroSchema.Parse("""["null","double","long","string"]"""));
        Assert.Equal("00", TestSchemas.Hex(writer.Serialize(null)));
        Assert.Equal("0402", TestSchemas.Hex(writer.Serialize(1L)));
        Assert.Equal("06026b", TestSchemas.Hex(writer.Serialize("k")));
        Assert.Equal("02", TestSchemas.Hex(writer.Serialize(1.0))[..2]);

        // No branch is an int's own, so it widens into the first branch that takes it.
        Assert.Equal("02", TestSchemas.Hex(writer.Serialize(1))[..2]);
        Assert.Throws<AvroException>(() => writer.Serialize(true));

        var timestamps = GenericDatumWriter.For(AvroSchema.Parse("""["int",{"type":"long","logicalType":"timestamp-millis"}]"""));
        Assert.Equal("02", TestSchemas.Hex(timestamps.Serialize(DateTimeOffset.UnixEpoch))[..2]);
        Assert.Equal("00", TestSchemas.Hex(timestamps.Serialize(0))[..2]);
    }

    [Fact]
    public void WritingAValueOfTheWrongTypeNamesTheField()
    {
        var schema = (RecordSchema)TestSchemas.ClickEvent;
        var record = TestSchemas.TypicalClickEvent();
        record["eventType"] = 42;
        var error = Assert.Throws<AvroException>(() => GenericDatumWriter.For(schema).Serialize(record));
        Assert.Contains("eventType", error.Message, StringComparison.Ordinal);

        record["eventType"] = null;
        Assert.Throws<AvroException>(() => GenericDatumWriter.For(schema).Serialize(record));
    }

    [Fact]
    public void ClickEventRoundTripsInAboutTwoHundredBytes()
    {
        var record = TestSchemas.TypicalClickEvent();
        var decoded = (GenericRecord)RoundTrip(TestSchemas.ClickEvent, record)!;
        Assert.Equal(record["timestamp"], decoded["timestamp"]);
        int size = GenericDatumWriter.For(TestSchemas.ClickEvent).Serialize(record).Length;
        Assert.InRange(size, 150, 250);
    }

    [Fact]
    public void TrailingBytesAreMalformedInput()
    {
        var schema = AvroSchema.Parse("\"int\"");
        Assert.Throws<AvroException>(() => GenericDatumReader.For(schema, schema).Read(TestSchemas.Hex("02 00")));
    }

    [Fact]
    public void RecordsBuiltOnAnotherParseOfTheSameSchemaAreWrittenByName()
    {
        var first = (RecordSchema)TestSchemas.ClickEvent;
        var second = (RecordSchema)AvroSchema.Parse(TestSchemas.ClickEventJson);
        var record = TestSchemas.TypicalClickEvent();
        Assert.Equal(GenericDatumWriter.For(first).Serialize(record), GenericDatumWriter.For(second).Serialize(record));
    }

    [Fact]
    public void ReadersAndWritersAreCachedPerSchema()
    {
        var schema = TestSchemas.ClickEvent;
        Assert.Same(GenericDatumWriter.For(schema), GenericDatumWriter.For(schema));
        Assert.Same(GenericDatumReader.For(schema, schema), GenericDatumReader.For(schema, schema));
    }
}
