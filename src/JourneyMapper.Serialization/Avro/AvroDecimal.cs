using System.Globalization;
using System.Numerics;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The generic value of the decimal logical type: unscaled × 10^-scale, exact at any precision (System.Decimal
/// holds only 28-29 digits, Avro decimals may hold more). Equality is representational: 1.0 and 1.00 differ,
/// as they do on the wire.
/// </summary>
public readonly struct AvroDecimal : IEquatable<AvroDecimal>
{
    public AvroDecimal(BigInteger unscaled, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        Unscaled = unscaled;
        Scale = scale;
    }

    public BigInteger Unscaled { get; }

    public int Scale { get; }

    public static implicit operator AvroDecimal(decimal value) => FromDecimal(value);

    public static explicit operator decimal(AvroDecimal value) => value.ToDecimal();

    public static bool operator ==(AvroDecimal left, AvroDecimal right) => left.Equals(right);

    public static bool operator !=(AvroDecimal left, AvroDecimal right) => !left.Equals(right);

    public static AvroDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;
        return new AvroDecimal(bits[3] < 0 ? -magnitude : magnitude, scale);
    }

    /// <summary>The value as a System.Decimal; throws OverflowException when it has more digits than one holds.</summary>
    public decimal ToDecimal()
    {
        var value = this;

        // System.Decimal's scale stops at 28: drop trailing zeros first, so 1.000...0 (scale 30) still converts.
        while (value.Scale > 28 && !value.Unscaled.IsZero && BigInteger.Remainder(value.Unscaled, 10).IsZero)
        {
            value = new AvroDecimal(value.Unscaled / 10, value.Scale - 1);
        }

        var magnitude = BigInteger.Abs(value.Unscaled);
        if (value.Scale > 28 || magnitude.GetBitLength() > 96)
        {
            throw new OverflowException($"{this} does not fit in System.Decimal");
        }

        Span<byte> bytes = stackalloc byte[12];
        bytes.Clear();
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        int lo = BitConverter.ToInt32(bytes);
        int mid = BitConverter.ToInt32(bytes[4..]);
        int hi = BitConverter.ToInt32(bytes[8..]);
        return new decimal(lo, mid, hi, value.Unscaled.Sign < 0, (byte)value.Scale);
    }

    /// <summary>The same value at another scale; fails when that would drop non-zero digits.</summary>
    public AvroDecimal Rescale(int scale)
    {
        if (scale == Scale)
        {
            return this;
        }

        if (scale > Scale)
        {
            return new AvroDecimal(Unscaled * BigInteger.Pow(10, scale - Scale), scale);
        }

        var divisor = BigInteger.Pow(10, Scale - scale);
        var quotient = BigInteger.DivRem(Unscaled, divisor, out var remainder);
        return remainder.IsZero
            ? new AvroDecimal(quotient, scale)
            : throw new AvroException($"{this} cannot be written with scale {scale} without rounding");
    }

    public bool Equals(AvroDecimal other) => Scale == other.Scale && Unscaled.Equals(other.Unscaled);

    public override bool Equals(object? obj) => obj is AvroDecimal other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Unscaled, Scale);

    public override string ToString()
    {
        string digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = digits[..^Scale] + "." + digits[^Scale..];
        }

        return Unscaled.Sign < 0 ? "-" + digits : digits;
    }
}
