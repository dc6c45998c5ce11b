using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>One of the eight primitive types, possibly carrying a logical type or metadata.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    public static readonly PrimitiveSchema Null = new(AvroType.Null, null, null);
    public static readonly PrimitiveSchema Boolean = new(AvroType.Boolean, null, null);
    public static readonly PrimitiveSchema Int = new(AvroType.Int, null, null);
    public static readonly PrimitiveSchema Long = new(AvroType.Long, null, null);
    public static readonly PrimitiveSchema Float = new(AvroType.Float, null, null);
    public static readonly PrimitiveSchema Double = new(AvroType.Double, null, null);
    public static readonly PrimitiveSchema Bytes = new(AvroType.Bytes, null, null);
    public static readonly PrimitiveSchema String = new(AvroType.String, null, null);

    internal PrimitiveSchema(AvroType type, LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement>? properties)
        : base(type, logicalType, properties)
    {
    }

    /// <summary>The name used in JSON for this primitive type.</summary>
    public string Name => AvroNames.PrimitiveName(Type);

    internal static PrimitiveSchema? ForName(string name) => name switch
    {
        "null" => Null,
        "boolean" => Boolean,
        "int" => Int,
        "long" => Long,
        "float" => Float,
        "double" => Double,
        "bytes" => Bytes,
        "string" => String,
        _ => null,
    };
}
