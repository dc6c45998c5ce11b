using System.Text;
using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Journeys.Sessions;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Sessions;

/// <summary>The session state is read as <see cref="BinaryReader"/> over UTF-8 reads it: that is the layout's definition.</summary>
public sealed class StateReaderTests
{
    private enum Read
    {
        Byte,
        Boolean,
        Int64,
        SevenBitInt,
        String,
    }

    // The reference: what BinaryReader reads, value by value.
    private static readonly Dictionary<Read, Func<BinaryReader, object>> Oracle = new()
    {
        [Read.Byte] = reader => reader.ReadByte(),
        [Read.Boolean] = reader => reader.ReadBoolean(),
        [Read.Int64] = reader => reader.ReadInt64(),
        [Read.SevenBitInt] = reader => reader.Read7BitEncodedInt(),
        [Read.String] = reader => reader.ReadString(),
    };

    [Fact]
    public void AnyBytesReadAsBinaryReaderReadsThemValueForValueOrFailureForFailure() =>
        Prop.ForAll(Arb.From(Inputs()), input =>
            {
                var (bytes, reads) = input;
                using var expected = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
                var actual = new StateReader(bytes);
                foreach (var read in reads)
                {
                    var wanted = Outcome(() => Oracle[read](expected));
                    object got;
                    try
                    {
                        got = Next(ref actual, read);
                    }
                    catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
                    {
                        got = e.GetType();
                    }

                    Assert.Equal(wanted, got);
                    if (got is Type)
                    {
                        break; // after a failure the two stand at different places, as neither promises where
                    }
                }
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Fact]
    public void WhatBinaryWriterWritesReadsBackExactly()
    {
        string[] texts = ["", "u-1", new string('x', 127), new string('é', 200), "日本語", "\uD800 lone surrogate"];
        int[] numbers = [0, 127, 128, int.MaxValue, -1, int.MinValue];
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)7);
            writer.Write(true);
            writer.Write(long.MinValue);
            foreach (var number in numbers)
            {
                writer.Write7BitEncodedInt(number);
            }

            foreach (var text in texts)
            {
                writer.Write(text);
            }
        }

        var reader = new StateReader(stream.ToArray());
        Assert.Equal(7, reader.ReadByte());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        foreach (var number in numbers)
        {
            Assert.Equal(number, reader.Read7BitEncodedInt());
        }

        foreach (var text in texts[..^1])
        {
            Assert.Equal(text, reader.ReadString());
        }

        Assert.Equal("\uFFFD lone surrogate", reader.ReadString()); // what UTF-8 can carry of it
    }

    [Fact]
    public void InputThatEndsEarlyOrHoldsAnOverlongNumberFailsAsBinaryReaderFails()
    {
        Assert.Throws<EndOfStreamException>(() => new StateReader([1, 2, 3]).ReadInt64());
        Assert.Throws<EndOfStreamException>(() => new StateReader([5, (byte)'a']).ReadString());
        Assert.Throws<FormatException>(() => new StateReader([0xFF, 0xFF, 0xFF, 0xFF, 0x10]).Read7BitEncodedInt());
        Assert.Throws<FormatException>(() => new StateReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).Read7BitEncodedInt());
    }

    private static object Next(ref StateReader reader, Read read) => read switch
    {
        Read.Byte => reader.ReadByte(),
        Read.Boolean => reader.ReadBoolean(),
        Read.Int64 => reader.ReadInt64(),
        Read.SevenBitInt => reader.Read7BitEncodedInt(),
        _ => reader.ReadString(),
    };

    private static object Outcome(Func<object> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
        {
            return e.GetType();
        }
    }

    // Mostly short strings and small numbers, as session state holds, with arbitrary bytes among them.
    private static Gen<(byte[] Bytes, Read[] Reads)> Inputs() =>
        from bytes in Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
            Gen.ArrayOf(Gen.Elements<byte>(0, 1, 3, 0x7F, 0x80, 0xFF, (byte)'a', 0xC3, 0xA9)))
        from reads in Gen.ArrayOf(Gen.Elements(Enum.GetValues<Read>()))
        select (bytes, reads);
}
