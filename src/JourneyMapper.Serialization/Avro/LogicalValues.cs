using System.Buffers.Text;
using System.Numerics;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Conversions between logical types' underlying values and their .NET values. A wire value that has no .NET
/// counterpart (a date beyond year 9999, a malformed uuid) is malformed input here, hence AvroException.
/// </summary>
internal static class LogicalValues
{
    private const int UnixEpochDayNumber = 719_162;
    private const long MinUnixMillis = -62_135_596_800_000;
    private const long MaxUnixMillis = 253_402_300_799_999;
    private const long MinUnixMicros = MinUnixMillis * 1000;
    private const long MaxUnixMicros = (MaxUnixMillis * 1000) + 999;

    public static DateOnly DateFromDays(int days)
    {
        long dayNumber = (long)UnixEpochDayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new AvroException($"date {days} (days since 1970-01-01) is outside what DateOnly holds");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    public static int DaysFromDate(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    public static DateTimeOffset FromUnixMillis(long millis)
    {
        if (millis < MinUnixMillis || millis > MaxUnixMillis)
        {
            throw new AvroException($"timestamp-millis {millis} is outside what DateTimeOffset holds");
        }

        return new DateTimeOffset(DateTime.UnixEpoch.Ticks + (millis * TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static DateTimeOffset FromUnixMicros(long micros)
    {
        if (micros < MinUnixMicros || micros > MaxUnixMicros)
        {
            throw new AvroException($"timestamp-micros {micros} is outside what DateTimeOffset holds");
        }

        return new DateTimeOffset(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    // Floor division, so an instant before 1970 maps to the tick at or before it, as Java's Instant does.
    public static long ToUnixMillis(DateTimeOffset value) =>
        FloorDiv(value.UtcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond);

    public static long ToUnixMicros(DateTimeOffset value) =>
        FloorDiv(value.UtcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond);

    public static Guid ParseUuid(ReadOnlySpan<byte> utf8)
    {
        if (Utf8Parser.TryParse(utf8, out Guid value, out int consumed, 'D') && consumed == utf8.Length)
        {
            return value;
        }

        throw new AvroException("uuid value is not in the 8-4-4-4-12 hex form RFC 4122 uses");
    }

    public static Guid ParseUuid(string text) =>
        Guid.TryParseExact(text, "D", out var value)
            ? value
            : throw new AvroException($"'{text}' is not a uuid in the 8-4-4-4-12 hex form RFC 4122 uses");

    /// <summary>Big-endian two's complement, as the decimal logical type stores its unscaled value.</summary>
    public static AvroDecimal DecimalFromBytes(ReadOnlySpan<byte> bytes, int scale) =>
        new(bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true), scale);

    /// <summary>The unscaled value at the schema's scale, checked against its precision.</summary>
    public static BigInteger UnscaledForSchema(AvroDecimal value, LogicalType logicalType)
    {
        var rescaled = value.Rescale(logicalType.Scale);
        var magnitude = BigInteger.Abs(rescaled.Unscaled);
        if (!magnitude.IsZero && magnitude >= BigInteger.Pow(10, logicalType.Precision))
        {
            throw new AvroException($"{value} has more than the {logicalType.Precision} digits of precision its schema allows");
        }

        return rescaled.Unscaled;
    }

    /// <summary>The unscaled value sign-extended to exactly <paramref name="size"/> bytes, for a decimal fixed.</summary>
    public static void WriteFixedDecimal(BigInteger unscaled, Span<byte> destination)
    {
        int length = unscaled.GetByteCount(isUnsigned: false);
        if (length > destination.Length)
        {
            throw new AvroException($"decimal {unscaled} does not fit in {destination.Length} bytes");
        }

        destination.Fill(unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        unscaled.TryWriteBytes(destination[(destination.Length - length)..], out _, isUnsigned: false, isBigEndian: true);
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
