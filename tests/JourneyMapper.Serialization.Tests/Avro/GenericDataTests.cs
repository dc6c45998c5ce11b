using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

public sealed class GenericDataTests
{
    private static readonly RecordSchema Schema = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"R","fields":[
          {"name":"a","type":"int"},
          {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}},
          {"name":"f","type":{"type":"fixed","name":"F","size":2}},
          {"name":"l","type":{"type":"array","items":"bytes"}}]}
        """);

    [Fact]
    public void RecordsAreAddressedByNameOrPosition()
    {
        var record = new GenericRecord(Schema) { ["a"] = 1 };
        record[1] = GenericEnum.Of((EnumSchema)Schema.Fields[1].Schema, "Y");
        Assert.Equal(1, record[0]);
        Assert.Equal("Y", ((GenericEnum)record["e"]!).Symbol);
        Assert.Equal(4, record.FieldCount);
        Assert.True(record.TryGetValue("a", out object? a));
        Assert.Equal(1, a);
        Assert.False(record.TryGetValue("zz", out _));
        Assert.Throws<KeyNotFoundException>(() => record["zz"]);
    }

    [Fact]
    public void EqualityAndCopiesGoByContent()
    {
        var fixedSchema = (FixedSchema)Schema.Fields[2].Schema;
        var record = new GenericRecord(Schema)
        {
            ["a"] = 1,
            ["e"] = GenericEnum.Of((EnumSchema)Schema.Fields[1].Schema, "X"),
            ["f"] = new GenericFixed(fixedSchema, [1, 2]),
            ["l"] = new List<object?> { new byte[] { 9 } },
        };
        var copy = (GenericRecord)GenericData.DeepCopy(record)!;
        Assert.Equal(record, copy);
        Assert.NotSame(record["l"], copy["l"]);

        ((byte[])((List<object?>)copy["l"]!)[0]!)[0] = 8;
        Assert.NotEqual(record, copy);
        Assert.Equal(new GenericFixed(fixedSchema, [1, 2]), record["f"]);
        Assert.Throws<AvroException>(() => new GenericFixed(fixedSchema, [1, 2, 3]));
        Assert.Contains("\"a\": 1", record.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AvroDecimalConvertsToAndFromSystemDecimal()
    {
        Assert.Equal(new AvroDecimal(-12345, 3), AvroDecimal.FromDecimal(-12.345m));
        Assert.Equal(-12.345m, new AvroDecimal(-12345, 3).ToDecimal());
        Assert.Equal(decimal.MaxValue, AvroDecimal.FromDecimal(decimal.MaxValue).ToDecimal());
        Assert.Equal(1m, new AvroDecimal(System.Numerics.BigInteger.Pow(10, 30), 30).ToDecimal());
        Assert.Throws<OverflowException>(() => new AvroDecimal(System.Numerics.BigInteger.Pow(10, 40), 0).ToDecimal());
        Assert.Equal(new AvroDecimal(1200, 3), new AvroDecimal(12, 1).Rescale(3));
        Assert.Equal("0.012", new AvroDecimal(12, 3).ToString());
    }
}
