using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Serialization.AvroSerdes;

/// <summary><see cref="UserProfile"/> under schemas/UserProfile.avsc; lifetimeValue is decimal(12, 2) bytes.</summary>
public sealed class UserProfileAvroCodec : AvroRecordCodec<UserProfile>
{
    private const string Record = "UserProfile";
    private const int TierSymbols = 5;
    private const int LifetimeValuePrecision = 12;
    private const int LifetimeValueScale = 2;

    private const string CanonicalForm =
        """{"name":"io.journeymapper.profiles.UserProfile","type":"record","fields":[{"name":"userId","type":"string"},{"name":"tier","type":{"name":"io.journeymapper.profiles.Tier","type":"enum","symbols":["UNKNOWN","STANDARD","SILVER","GOLD","PLATINUM"]}},{"name":"persona","type":["null","string"]},{"name":"lifetimeValue","type":["null","bytes"]},{"name":"country","type":["null","string"]},{"name":"analyticsConsent","type":"boolean"},{"name":"marketingConsent","type":"boolean"},{"name":"updatedAt","type":"long"}]}""";

    private UserProfileAvroCodec()
        : base(RecordSchemas.UserProfile, CanonicalForm)
    {
        ExpectLogicalType(Schema, "lifetimeValue", LogicalType.Decimal(LifetimeValuePrecision, LifetimeValueScale));
        ExpectLogicalType(Schema, "updatedAt", LogicalType.TimestampMillis);
    }

    public static UserProfileAvroCodec Instance { get; } = new();

    public override void Write(AvroWriter writer, UserProfile value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteString(AvroFields.Required(value.UserId, Record, "userId"));
        writer.WriteEnumIndex((uint)value.Tier < TierSymbols
            ? (int)value.Tier
            : throw new AvroException($"{Record}.tier = {(int)value.Tier} is not a Tier"));
        AvroFields.WriteOptionalString(writer, value.Persona);
        if (value.LifetimeValue is { } lifetimeValue)
        {
            writer.WriteUnionIndex(1);
            AvroFields.WriteDecimal(writer, lifetimeValue, LifetimeValuePrecision, LifetimeValueScale, Record, "lifetimeValue");
        }
        else
        {
            writer.WriteUnionIndex(0);
        }

        AvroFields.WriteOptionalString(writer, value.Country);
        writer.WriteBoolean(value.AnalyticsConsent);
        writer.WriteBoolean(value.MarketingConsent);
        writer.WriteLong(value.UpdatedAt);
    }

    public override UserProfile Read(ref AvroReader reader) => new()
    {
        UserId = reader.ReadString(),
        Tier = (Tier)reader.ReadEnumIndex(TierSymbols),
        Persona = AvroFields.ReadOptionalString(ref reader),
        LifetimeValue = reader.ReadUnionIndex(2) == 0 ? null : AvroFields.ReadDecimal(ref reader, LifetimeValueScale),
        Country = AvroFields.ReadOptionalString(ref reader),
        AnalyticsConsent = reader.ReadBoolean(),
        MarketingConsent = reader.ReadBoolean(),
        UpdatedAt = reader.ReadLong(),
    };

    public override UserProfile FromGeneric(GenericRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            UserId = AvroFields.GetString(record, 0),

            // Resolution has already mapped a symbol this schema lacks to its default, UNKNOWN.
            Tier = (Tier)(AvroFields.GetOptionalEnumIndex(record, 1) ?? 0),
            Persona = AvroFields.GetOptionalString(record, 2),
            LifetimeValue = AvroFields.GetOptionalDecimal(record, 3),
            Country = AvroFields.GetOptionalString(record, 4),
            AnalyticsConsent = AvroFields.GetBoolean(record, 5),
            MarketingConsent = AvroFields.GetBoolean(record, 6),
            UpdatedAt = AvroFields.GetMillis(record, 7),
        };
    }
}
