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

    [Fact]
    public void AnyBytesReadAsBinaryReaderReadsThemValueForValueOrFailureForFailure() =>
        Prop.ForAll(Arb.From(Inputs()), input =>
            {
                var (bytes, reads) = input;
                Assert.Equal(WithBinaryReader(bytes, reads), WithStateReader(bytes, reads));
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Fact]
    public void WhatBinaryWriterWritesReadsBackExactly()
    {
        string[] texts = ["", "u-1", new string('x', 127), new string('é', 200), "日本語", "\uD800 lone surrogate"];
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)7);
            writer.Write(true);
            writer.Write(long.MinValue);
            foreach (var number in new[] { 0, 127, 128, int.MaxValue, -1, int.MinValue })
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
        foreach (var number in new[] { 0, 127, 128, int.MaxValue, -1, int.MinValue })
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

    private static List<string> WithBinaryReader(byte[] bytes, Read[] reads)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var values = new List<string>();
        foreach (var read in reads)
        {
            try
            {
                values.Add(read switch
                {
                    Read.Byte => $"{reader.ReadByte()}",
                    Read.Boolean => $"{reader.ReadBoolean()}",
                    Read.Int64 => $"{reader.ReadInt64()}",
                    Read.SevenBitInt => $"{reader.Read7BitEncodedInt()}",
                    _ => reader.ReadString(),
                });
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
            {
                values.Add(e.GetType().Name);
                break;
            }
        }

        return values;
    }

    private static List<string> WithStateReader(byte[] bytes, Read[] reads)
    {
        var reader = new StateReader(bytes);
        var values = new List<string>();
        foreach (var read in reads)
        {
            try
            {
                values.Add(read switch
                {
                    Read.Byte => $"{reader.ReadByte()}",
                    Read.Boolean => $"{reader.ReadBoolean()}",
                    Read.Int64 => $"{reader.ReadInt64()}",
                    Read.SevenBitInt => $"{reader.Read7BitEncodedInt()}",
                    _ => reader.ReadString(),
                });
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
            {
                values.Add(e.GetType().Name);
                break;
            }
        }

        return values;
    }

    // Mostly short strings and small numbers, as session state holds, with arbitrary bytes among them.
    private static Gen<(byte[] Bytes, Read[] Reads)> Inputs() =>
        from bytes in Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
            Gen.ArrayOf(Gen.Elements<byte>(0, 1, 3, 0x7F, 0x80, 0xFF, (byte)'a', 0xC3, 0xA9)))
        from reads in Gen.ArrayOf(Gen.Elements(Enum.GetValues<Read>()))
        select (bytes, reads);
}
