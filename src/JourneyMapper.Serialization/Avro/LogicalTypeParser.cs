using System.Numerics;
using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// Recognises logical type annotations. The specification asks that unknown logical types be ignored and that
/// invalid ones (a decimal whose scale exceeds its precision, a date on a long, ...) fall back to the underlying
/// type, so this never throws: it returns null and the attributes stay as plain properties.
/// </summary>
internal static class LogicalTypeParser
{
    public static LogicalType? Parse(JsonElement schema, AvroType underlying, int fixedSize)
    {
        if (!schema.TryGetProperty("logicalType", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return nameElement.GetString() switch
        {
            "decimal" when underlying is AvroType.Bytes or AvroType.Fixed => ParseDecimal(schema, underlying, fixedSize),
            "uuid" when underlying == AvroType.String => LogicalType.Uuid,
            "date" when underlying == AvroType.Int => LogicalType.Date,
            "timestamp-millis" when underlying == AvroType.Long => LogicalType.TimestampMillis,
            "timestamp-micros" when underlying == AvroType.Long => LogicalType.TimestampMicros,
            _ => null,
        };
    }

    /// <summary>The attributes a valid logical type owns, so they are not also kept as metadata.</summary>
    public static bool OwnsAttribute(LogicalType? logicalType, string attribute) =>
        logicalType is not null &&
        (attribute == "logicalType" ||
         (logicalType.Kind == LogicalTypeKind.Decimal && attribute is "precision" or "scale"));

    private static LogicalType? ParseDecimal(JsonElement schema, AvroType underlying, int fixedSize)
    {
        if (!schema.TryGetProperty("precision", out var precisionElement) ||
            precisionElement.ValueKind != JsonValueKind.Number ||
            !precisionElement.TryGetInt32(out int precision) ||
            precision <= 0)
        {
            return null;
        }

        int scale = 0;
        if (schema.TryGetProperty("scale", out var scaleElement) &&
            (scaleElement.ValueKind != JsonValueKind.Number || !scaleElement.TryGetInt32(out scale)))
        {
            return null;
        }

        if (scale < 0 || scale > precision)
        {
            return null;
        }

        if (underlying == AvroType.Fixed && precision > MaxFixedPrecision(fixedSize))
        {
            return null;
        }

        return LogicalType.Decimal(precision, scale);
    }

    /// <summary>floor(log10(2^(8n-1) - 1)): the most base-10 digits a two's-complement n-byte value always holds.</summary>
    internal static long MaxFixedPrecision(int size)
    {
        if (size <= 0)
        {
            return 0;
        }

        long bits = (8L * size) - 1;
        if (size <= 256)
        {
            // Exact for the sizes real schemas use; 2^k - 1 is never a power of ten, so the digit count less one is exact.
            return (BigInteger.Pow(2, (int)bits) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length - 1;
        }

        return (long)Math.Floor(bits * Math.Log10(2));
    }
}
