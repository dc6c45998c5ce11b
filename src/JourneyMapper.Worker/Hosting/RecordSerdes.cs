using JourneyMapper.Serialization.AvroSerdes;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using JourneyMapper.Serialization.Registry;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Worker.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyMapper.Worker.Hosting;

/// <summary>
/// Registers the serde of every record for the configured format: Avro over the schema registry client (one client,
/// shared, so its caches serve every serde), or JSON. Nothing touches the registry until a serde first needs it.
/// </summary>
public static class RecordSerdes
{
    public static IServiceCollection AddRecordSerdes(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaRegistryClient>(provider => new SchemaRegistryClient(
            provider.GetRequiredService<IOptions<SchemaRegistrySettings>>().Value.ToClientOptions(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => Create(provider, AvroRecordSerdes.ClickEvent, JsonSerdes.ClickEvent));
        services.AddSingleton(provider => Create(provider, AvroRecordSerdes.UserProfile, JsonSerdes.UserProfile));
        services.AddSingleton(provider => Create(provider, AvroRecordSerdes.JourneySegment, JsonSerdes.JourneySegment));
        return services;
    }

    private static Serde<T> Create<T>(IServiceProvider provider, Func<ISchemaRegistryClient, AvroSerdeOptions, AvroSerde<T>> avro, JsonSerde<T> json)
        where T : class
    {
        if (provider.GetRequiredService<IOptions<SerializationOptions>>().Value.Format == SerializationFormat.Json)
        {
            return Serdes.From(json, json);
        }

        var serde = avro(
            provider.GetRequiredService<ISchemaRegistryClient>(),
            provider.GetRequiredService<IOptions<SchemaRegistrySettings>>().Value.ToSerdeOptions());
        return Serdes.From(serde, serde);
    }
}
