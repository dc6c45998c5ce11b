using System.Buffers;
using JourneyMapper.Serialization.Registry;
using Xunit;

namespace JourneyMapper.Tools.Tests.SchemaRegistry;

public sealed class ConfluentWireFormatTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(0x01020304)]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    public void RoundTripsTheSchemaIdAndPayload(int schemaId)
    {
        byte[] payload = [0xDE, 0xAD, 0xBE, 0xEF];

        var message = ConfluentWireFormat.Write(schemaId, payload);

        Assert.Equal(ConfluentWireFormat.HeaderSize + payload.Length, message.Length);
        Assert.True(ConfluentWireFormat.TryReadHeader(message, out var readId, out var readPayload));
        Assert.Equal(schemaId, readId);
        Assert.Equal(payload, readPayload.ToArray());
        Assert.Equal(schemaId, ConfluentWireFormat.Read(message, out var thrownPayload));
        Assert.Equal(payload, thrownPayload.ToArray());
    }

    [Fact]
    public void WritesMagicByteThenBigEndianId()
    {
        var message = ConfluentWireFormat.Write(0x01020304, [0x2A]);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x2A }, message);
    }

    [Fact]
    public void BufferWriterGetsTheSameBytesAsTheArrayForm()
    {
        var writer = new ArrayBufferWriter<byte>();

        ConfluentWireFormat.Write(77, [1, 2, 3], writer);

        Assert.Equal(ConfluentWireFormat.Write(77, [1, 2, 3]), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void HeaderAloneLeavesTheBufferOpenForThePayload()
    {
        var writer = new ArrayBufferWriter<byte>();

        ConfluentWireFormat.WriteHeader(5, writer);
        writer.Write(new byte[] { 9 });

        Assert.Equal(5, ConfluentWireFormat.Read(writer.WrittenSpan, out var payload));
        Assert.Equal(new byte[] { 9 }, payload.ToArray());
    }

    [Fact]
    public void AnEmptyPayloadIsValid()
    {
        var message = ConfluentWireFormat.Write(3, []);

        Assert.Equal(3, ConfluentWireFormat.Read(message, out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void EmptyMessageIsRejected()
    {
        Assert.False(ConfluentWireFormat.TryReadHeader([], out _, out _));

        var error = Assert.Throws<WireFormatException>(() => ConfluentWireFormat.Read([], out _));
        Assert.Equal(WireFormatError.Empty, error.Reason);
        Assert.Null(error.MagicByte);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void MessageShorterThanTheHeaderIsRejected(int length)
    {
        var message = new byte[length];

        Assert.False(ConfluentWireFormat.TryReadHeader(message, out _, out _));

        var error = Assert.Throws<WireFormatException>(() => ConfluentWireFormat.Read(message, out _));
        Assert.Equal(WireFormatError.TooShort, error.Reason);
        Assert.Contains($"{length} byte(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x7B)] // '{': a plain JSON value that was never framed.
    [InlineData(0xFF)]
    public void UnknownMagicByteIsRejectedWithItsValue(byte magic)
    {
        byte[] message = [magic, 0, 0, 0, 1, 42];

        Assert.False(ConfluentWireFormat.TryReadHeader(message, out _, out _));

        var error = Assert.Throws<WireFormatException>(() => ConfluentWireFormat.Read(message, out _));
        Assert.Equal(WireFormatError.UnknownMagicByte, error.Reason);
        Assert.Equal(magic, error.MagicByte);
        Assert.Contains($"0x{magic:X2}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortMessageWithAForeignFirstByteIsReportedAsForeign()
    {
        var error = Assert.Throws<WireFormatException>(() => ConfluentWireFormat.Read("{}"u8, out _));

        Assert.Equal(WireFormatError.UnknownMagicByte, error.Reason);
    }

    [Fact]
    public void NegativeIdsAndSmallBuffersAreCallerErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfluentWireFormat.Write(-1, []));
        Assert.Throws<ArgumentException>(() => ConfluentWireFormat.WriteHeader(1, new byte[4]));
    }
}
