using System.Diagnostics.CodeAnalysis;

namespace JourneyMapper.Serialization.Avro;

/// <summary>The reader's throw sites, kept out of line so the hot read paths stay small enough to inline.</summary>
internal static class AvroReaderErrors
{
    [DoesNotReturn]
    public static void Truncated(string what) =>
        throw new AvroException($"Input ends inside a {what}");

    [DoesNotReturn]
    public static void Truncated(string what, int needed, int remaining) =>
        throw new AvroException($"Input ends inside a {what}: {needed} bytes needed, {remaining} left");

    [DoesNotReturn]
    public static void InvalidBoolean(byte value) =>
        throw new AvroException($"Invalid boolean byte 0x{value:X2} (only 0 and 1 are booleans)");

    [DoesNotReturn]
    public static void VarintTooLong(string what) =>
        throw new AvroException($"Variable-length {what} is too long or overflows the type");

    [DoesNotReturn]
    public static void BadLength(string what, long length, int remaining) =>
        throw new AvroException(length < 0
            ? $"Negative {what} length {length}"
            : $"{what} length {length} exceeds the {remaining} bytes left");

    [DoesNotReturn]
    public static void IndexOutOfRange(string what, int index, int count) =>
        throw new AvroException($"{what} index {index} is out of range (0..{count - 1})");

    [DoesNotReturn]
    public static void BadBlockCount(long count) =>
        throw new AvroException($"Invalid block count {count}");

    [DoesNotReturn]
    public static void BadBlockSize(long size, int remaining) =>
        throw new AvroException($"Block size {size} is negative or exceeds the {remaining} bytes left");

    [DoesNotReturn]
    public static void TooManyItems(long count, long available) =>
        throw new AvroException($"Block of {count} items cannot fit in the {available} bytes available");

    [DoesNotReturn]
    public static void TooManyZeroSizeItems() =>
        throw new AvroException("Too many zero-size collection items (null or empty records) in one input");

    [DoesNotReturn]
    public static void BlockSizeMismatch(int expectedEnd, int actualEnd) =>
        throw new AvroException($"Block declared to end at byte {expectedEnd} ended at {actualEnd}");

    [DoesNotReturn]
    public static void TooDeep(int depth) =>
        throw new AvroException($"Records nest {depth} deep, more than this reader allows");
}
