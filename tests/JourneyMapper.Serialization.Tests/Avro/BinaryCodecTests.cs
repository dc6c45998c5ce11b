using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>AvroWriter and AvroReader against the binary encoding section of the specification.</summary>
public sealed class BinaryCodecTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(-64L, "7f")]
    [InlineData(64L, "8001")]
    [InlineData(27L, "36")]
    [InlineData(long.MaxValue, "feffffffffffffffff01")]
    [InlineData(long.MinValue, "ffffffffffffffffff01")]
    public void LongsUseZigZagVarints(long value, string hex)
    {
        using var writer = new AvroWriter();
        writer.WriteLong(value);
        Assert.Equal(hex, TestSchemas.Hex(writer.WrittenSpan));

        var reader = new AvroReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadLong());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(-64, "7f")]
    [InlineData(64, "8001")]
    [InlineData(int.MaxValue, "feffffff0f")]
    [InlineData(int.MinValue, "ffffffff0f")]
    public void IntsUseZigZagVarints(int value, string hex)
    {
        using var writer = new AvroWriter();
        writer.WriteInt(value);
        Assert.Equal(hex, TestSchemas.Hex(writer.WrittenSpan));

        var reader = new AvroReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadInt());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void EveryIntAndLongRoundTrips() =>
        Prop.ForAll<int, long>((i, l) =>
            {
                using var writer = new AvroWriter();
                writer.WriteInt(i);
                writer.WriteLong(l);
                writer.WriteLong(i);
                var reader = new AvroReader(writer.WrittenSpan);
                return reader.ReadInt() == i && reader.ReadLong() == l && reader.ReadInt() == i && reader.IsAtEnd;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));

    [Theory]
    [InlineData("8080808010", "int")] // fifth byte above 0x0F: more than 32 bits
    [InlineData("808080808000", "int")] // six bytes
    [InlineData("80808080808080808002", "long")] // tenth byte above 0x01: more than 64 bits
    [InlineData("8080808080808080808000", "long")] // eleven bytes
    [InlineData("80", "long")] // continuation with nothing after
    [InlineData("", "long")]
    public void OverlongOrTruncatedVarintsAreRejected(string hex, string type)
    {
        byte[] bytes = TestSchemas.Hex(hex);
        Assert.Throws<AvroException>(() =>
        {
            var reader = new AvroReader(bytes);
            _ = type == "int" ? reader.ReadInt() : reader.ReadLong();
        });
    }

    [Fact]
    public void NonMinimalButInRangeVarintsAreAccepted()
    {
        var reader = new AvroReader(TestSchemas.Hex("8000 8180808000 ffffffffffffffffff01"));
        Assert.Equal(0, reader.ReadInt());
        Assert.Equal(-1, reader.ReadLong());
        Assert.Equal(long.MinValue, reader.ReadLong());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1.5f)]
    [InlineData(float.MinValue)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void FloatsAreLittleEndianIeee(float value)
    {
        using var writer = new AvroWriter();
        writer.WriteFloat(value);
        Assert.Equal(BitConverter.GetBytes(value), writer.ToArray());
        var reader = new AvroReader(writer.WrittenSpan);
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(reader.ReadFloat()));
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(Math.PI)]
    [InlineData(double.MinValue)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void DoublesAreLittleEndianIeee(double value)
    {
        using var writer = new AvroWriter();
        writer.WriteDouble(value);
        Assert.Equal(BitConverter.GetBytes(value), writer.ToArray());
        var reader = new AvroReader(writer.WrittenSpan);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(reader.ReadDouble()));
    }

    [Fact]
    public void NegativeZeroKeepsItsSign()
    {
        using var writer = new AvroWriter();
        writer.WriteFloat(-0f);
        writer.WriteDouble(-0d);
        Assert.Equal("00000080" + "0000000000000080", TestSchemas.Hex(writer.WrittenSpan));
        var reader = new AvroReader(writer.WrittenSpan);
        Assert.True(float.IsNegative(reader.ReadFloat()));
        Assert.True(double.IsNegative(reader.ReadDouble()));
    }

    [Fact]
    public void NaNIsWrittenAsJavasCanonicalNaN()
    {
        using var writer = new AvroWriter();
        writer.WriteFloat(BitConverter.Int32BitsToSingle(0x7f800001));
        writer.WriteDouble(BitConverter.Int64BitsToDouble(unchecked((long)0xfff0000000000001UL)));
        Assert.Equal("0000c07f" + "000000000000f87f", TestSchemas.Hex(writer.WrittenSpan));

        var reader = new AvroReader(writer.WrittenSpan);
        Assert.True(float.IsNaN(reader.ReadFloat()));
        Assert.True(double.IsNaN(reader.ReadDouble()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo")]
    [InlineData("héllo wörld")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 😀🚀 and \u0000 nul")]
    [InlineData("a string long enough that its length prefix takes two bytes, with one non-ASCII char ✓ at the end")]
    [InlineData("éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé")] // 60 chars, 120 bytes: the prefix grows
    [InlineData("ééééééééééééééééééééééééééééééééé")] // 33 chars, 66 bytes: 1-byte guess, 1-byte prefix
    public void StringsAreLengthPrefixedUtf8(string value)
    {
        using var writer = new AvroWriter();
        writer.WriteString(value);
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        var expected = new AvroWriter();
        expected.WriteLong(utf8.Length);
        expected.WriteFixed(utf8);
        Assert.Equal(expected.ToArray(), writer.ToArray());
        expected.Dispose();

        var reader = new AvroReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void TheSpecificationsFooExample()
    {
        using var writer = new AvroWriter();
        writer.WriteString("foo");
        Assert.Equal("06666f6f", TestSchemas.Hex(writer.WrittenSpan));
    }

    [Fact]
    public void EveryStringRoundTrips() =>
        Prop.ForAll<string>(value =>
            {
                // Lone surrogates are not Unicode scalar values; UTF-8 cannot carry them.
                string text = value is null ? string.Empty : System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value));
                using var writer = new AvroWriter();
                writer.WriteString(text);
                var reader = new AvroReader(writer.WrittenSpan);
                return reader.ReadString() == text && reader.IsAtEnd;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));

    [Fact]
    public void InvalidUtf8IsMalformedInput()
    {
        byte[] bytes = TestSchemas.Hex("04 c328");
        Assert.Throws<AvroException>(() => new AvroReader(bytes).ReadString());
    }

    [Theory]
    [InlineData("0a 0102")] // length 5, two bytes left
    [InlineData("01")] // length -1
    [InlineData("feffffff0f")] // length int.MaxValue, nothing left
    [InlineData("feffffffffffffffff01")] // length long.MaxValue
    public void ALengthBeyondTheInputIsAnErrorNotAnAllocation(string hex)
    {
        byte[] bytes = TestSchemas.Hex(hex);
        Assert.Throws<AvroException>(() => new AvroReader(bytes).ReadBytes());
        Assert.Throws<AvroException>(() => new AvroReader(bytes).ReadString());
        Assert.Throws<AvroException>(() => new AvroReader(bytes).SkipBytes());
    }

    [Fact]
    public void BooleansAreOneByteZeroOrOne()
    {
        var reader = new AvroReader(TestSchemas.Hex("00 01 02"));
        Assert.False(reader.ReadBoolean());
        Assert.True(reader.ReadBoolean());
        try
        {
            reader.ReadBoolean();
            Assert.Fail("0x02 is not a boolean");
        }
        catch (AvroException)
        {
        }
    }

    [Fact]
    public void EnumAndUnionIndexesAreRangeChecked()
    {
        byte[] bytes = TestSchemas.Hex("04 01");
        Assert.Equal(2, new AvroReader(bytes).ReadEnumIndex(3));
        Assert.Throws<AvroException>(() => new AvroReader(bytes).ReadEnumIndex(2));
        Assert.Throws<AvroException>(() => new AvroReader(bytes).ReadUnionIndex(2));
        Assert.Throws<AvroException>(() => new AvroReader(bytes.AsSpan(1)).ReadUnionIndex(5));
    }

    [Fact]
    public void FixedReadsExactlyItsSize()
    {
        byte[] bytes = [1, 2, 3];
        Assert.Equal(new byte[] { 1, 2 }, new AvroReader(bytes).ReadFixed(2).ToArray());
        Assert.Throws<AvroException>(() => new AvroReader(bytes).ReadFixed(4));
    }

    [Fact]
    public void BlockCountsAreBoundedByTheRemainingInput()
    {
        // 3 items of at least 1 byte each cannot fit in 2 bytes.
        Assert.Throws<AvroException>(() => new AvroReader(TestSchemas.Hex("06 0000")).ReadBlockCount(1));
        Assert.Equal(2, new AvroReader(TestSchemas.Hex("04 0000")).ReadBlockCount(1));

        // A negative count carries the block's byte size, which must fit in the input and hold the items.
        var reader = new AvroReader(TestSchemas.Hex("03 04 0202 00"));
        Assert.Equal(2, reader.ReadBlockCount(1, out int blockEnd));
        Assert.Equal(4, blockEnd);
        Assert.Throws<AvroException>(() => new AvroReader(TestSchemas.Hex("03 08 0202")).ReadBlockCount(1));
        Assert.Throws<AvroException>(() => new AvroReader(TestSchemas.Hex("05 02 0202")).ReadBlockCount(1));
        Assert.Throws<AvroException>(() => new AvroReader(TestSchemas.Hex("03 01 0202")).ReadBlockCount(1));
        Assert.Throws<AvroException>(() => new AvroReader(TestSchemas.Hex("ffffffffffffffffff01 00")).ReadBlockCount(1));
    }

    [Fact]
    public void ZeroSizeItemsHaveAnOverallBudget()
    {
        // A block of a billion nulls takes one varint; the budget refuses it instead of looping a billion times.
        Assert.Throws<AvroException>(() => new AvroReader(TestSchemas.Hex("80a8d6b907")).ReadBlockCount(0));
        var reader = new AvroReader(TestSchemas.Hex("c801 c801"), AvroReader.DefaultMaxDepth, maxZeroSizeItems: 150);
        Assert.Equal(100, reader.ReadBlockCount(0));
        try
        {
            reader.ReadBlockCount(0);
            Assert.Fail("the second block goes over the budget");
        }
        catch (AvroException)
        {
        }
    }

    [Fact]
    public void SkippingUsesBlockSizesWhenGiven()
    {
        // [-2 items, 3 bytes]{"a","b" as garbage-free bytes}, then [1 item] 4, then end.
        var reader = new AvroReader(TestSchemas.Hex("03 06 020161 02 08 00 7f"));
        Assert.Equal(1, reader.ReadBlockCountForSkip(1));
        reader.SkipLong();
        Assert.Equal(0, reader.ReadBlockCountForSkip(1));
        Assert.Equal(-64, reader.ReadLong());
    }

    [Fact]
    public void TheWriterGrowsAndResets()
    {
        using var writer = new AvroWriter(16);
        var payload = new byte[10_000];
        Random.Shared.NextBytes(payload);
        writer.WriteBytes(payload);
        writer.WriteString(new string('x', 5000));
        var reader = new AvroReader(writer.WrittenSpan);
        Assert.Equal(payload, reader.ReadBytes());
        Assert.Equal(5000, reader.ReadString().Length);

        writer.Reset();
        Assert.Equal(0, writer.Length);
        writer.WriteBoolean(true);
        Assert.Equal(new byte[] { 1 }, writer.ToArray());

        var destination = new System.Buffers.ArrayBufferWriter<byte>();
        writer.WriteTo(destination);
        Assert.Equal(new byte[] { 1 }, destination.WrittenSpan.ToArray());
    }

    [Fact]
    public void PrimitiveReadsAndWritesAllocateNothing()
    {
        using var writer = new AvroWriter(4096);
        WriteSample(writer);
        byte[] data = writer.ToArray();
        ReadSample(data);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            writer.Reset();
            WriteSample(writer);
            ReadSample(data);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void WriteSample(AvroWriter writer)
        {
            writer.WriteLong(1_732_270_000_123);
            writer.WriteInt(-5);
            writer.WriteBoolean(true);
            writer.WriteFloat(1.5f);
            writer.WriteDouble(double.NaN);
            writer.WriteString("product_view");
            writer.WriteString("https://shop.example.com/p/sku-100234 with a longer tail");
            writer.WriteUnionIndex(1);
            writer.WriteBlockCount(1);
            writer.WriteString("k");
            writer.WriteBytes([1, 2, 3]);
            writer.WriteCollectionEnd();
        }

        static void ReadSample(byte[] data)
        {
            var reader = new AvroReader(data);
            reader.ReadLong();
            reader.ReadInt();
            reader.ReadBoolean();
            reader.ReadFloat();
            reader.ReadDouble();
            reader.ReadStringUtf8();
            reader.SkipString();
            reader.ReadUnionIndex(2);
            int count = reader.ReadBlockCount(2);
            for (int i = 0; i < count; i++)
            {
                reader.SkipString();
                reader.ReadBytesSpan();
            }

            reader.ReadBlockCount(2);
        }
    }
}
