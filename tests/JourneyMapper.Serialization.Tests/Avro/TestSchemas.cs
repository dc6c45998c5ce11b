using JourneyMapper.Serialization.Avro;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>Schemas and values the tests share.</summary>
internal static class TestSchemas
{
    /// <summary>The same record as schemas/ClickEvent.avsc (docs left out).</summary>
    public const string ClickEventJson = """
        {
          "type": "record", "name": "ClickEvent", "namespace": "io.journeymapper.events",
          "fields": [
            { "name": "eventId", "type": "string" },
            { "name": "timestamp", "type": { "type": "long", "logicalType": "timestamp-millis" } },
            { "name": "eventType", "type": "string" },
            { "name": "userId", "type": ["null", "string"], "default": null },
            { "name": "anonymousId", "type": ["null", "string"], "default": null },
            { "name": "channel", "type": ["null", "string"], "default": null },
            { "name": "productId", "type": ["null", "string"], "default": null },
            { "name": "pageUrl", "type": ["null", "string"], "default": null },
            { "name": "referrer", "type": ["null", "string"], "default": null },
            { "name": "campaign", "type": ["null", "string"], "default": null },
            { "name": "deviceId", "type": ["null", "string"], "default": null },
            { "name": "ipAddress", "type": ["null", "string"], "default": null },
            { "name": "userAgent", "type": ["null", "string"], "default": null },
            { "name": "properties", "type": ["null", { "type": "map", "values": "string" }], "default": null }
          ]
        }
        """;

    public static readonly AvroSchema ClickEvent = AvroSchema.Parse(ClickEventJson);

    /// <summary>A typical event, about 200 bytes encoded.</summary>
    public static GenericRecord TypicalClickEvent()
    {
        var record = new GenericRecord((RecordSchema)ClickEvent);
        record["eventId"] = "6f1c2a7e-3b9d-4c55-9a8e-2d7f0b1e4c11";
        record["timestamp"] = DateTimeOffset.FromUnixTimeMilliseconds(1_732_270_000_123);
        record["eventType"] = "product_view";
        record["userId"] = "user-48213";
        record["channel"] = "web";
        record["productId"] = "sku-100234";
        record["pageUrl"] = "https://shop.example.com/p/sku-100234";
        record["referrer"] = "https://www.example.org/";
        record["deviceId"] = "dev-9f3e";
        record["properties"] = new Dictionary<string, object?> { ["currency"] = "EUR", ["price"] = "49.90" };
        return record;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
