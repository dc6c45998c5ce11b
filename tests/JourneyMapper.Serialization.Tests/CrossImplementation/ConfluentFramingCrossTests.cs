using JourneyMapper.Serialization.Avro;
using JourneyMapper.Serialization.Registry;
using Xunit;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>
/// Confluent's own JavaScript serdes (@confluentinc/schemaregistry's AvroSerializer and AvroDeserializer, with
/// the package's in-memory registry behind a mock:// URL): what its serializer frames decodes in C# (magic byte 0,
/// the id its registry assigned, the body with GenericDatumReader), is byte for byte what ConfluentWireFormat and
/// GenericDatumWriter produce, and C#-framed messages decode in its deserializer.
/// </summary>
[Collection(CrossImplementationCollection.Name)]
public sealed class ConfluentFramingCrossTests(NodePeer peer)
{
    public static TheoryData<string, string> Cases() => SchemaFileCrossTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ConfluentSerializerAndCSharpFramingAgree(string schemaFile, string caseName)
    {
        string schemaJson = SchemaFileCrossTests.ReadSchema(schemaFile);
        var schema = (RecordSchema)AvroSchema.Parse(schemaJson);
        var value = SchemaFileCrossTests.Build(schemaFile, caseName, schema);
        string topic = "journeymapper." + Path.GetFileNameWithoutExtension(schemaFile).ToLowerInvariant();

        // TopicNameStrategy: the value schema lives under "<topic>-value". Registering again returns the same id.
        int registeredId = await peer.ConfluentRegisterAsync(topic + "-value", schemaJson);
        var json = TaggedJson.ToJson(schema, value);
        byte[] fromConfluent = await peer.ConfluentSerializeAsync(topic, schemaJson, json);

        Assert.Equal(ConfluentWireFormat.MagicByte, fromConfluent[0]);
        var (schemaId, body) = Split(fromConfluent);
        Assert.Equal(registeredId, schemaId);
        AvroValues.AssertSame(schema, value, new GenericDatumReader(schema).Read(body), $"{schemaFile} / {caseName}: Confluent's serializer's body decoded in C#");

        byte[] fromCSharp = ConfluentWireFormat.Write(registeredId, GenericDatumWriter.For(schema).Serialize(AvroValues.InJavaScriptMapOrder(schema, value)));
        Assert.True(
            fromConfluent.AsSpan().SequenceEqual(fromCSharp),
            $"{schemaFile} / {caseName}: framed differently\nConfluent: {CrossCheck.Hex(fromConfluent)}\n       C#: {CrossCheck.Hex(fromCSharp)}");

        var decoded = await peer.ConfluentDeserializeAsync(topic, schemaJson, fromCSharp);
        AvroValues.AssertSame(schema, value, TaggedJson.FromJson(schema, decoded), $"{schemaFile} / {caseName}: C# framing decoded by Confluent's deserializer");
    }

    [Fact]
    public async Task TheIdInTheFrameIsTheOneTheRegistryAssigned()
    {
        // Several subjects, so the ids differ and a serializer that wrote a constant would be caught.
        var ids = new List<int>();
        foreach (string file in new[] { "ClickEvent.avsc", "UserProfile.avsc", "JourneySegment.avsc" })
        {
            string schemaJson = SchemaFileCrossTests.ReadSchema(file);
            string topic = "ids." + Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            int id = await peer.ConfluentRegisterAsync(topic + "-value", schemaJson);
            var schema = (RecordSchema)AvroSchema.Parse(schemaJson);
            string firstCase = SchemaFileCrossTests.CaseNames(file).First();
            byte[] message = await peer.ConfluentSerializeAsync(topic, schemaJson, TaggedJson.ToJson(schema, SchemaFileCrossTests.Build(file, firstCase, schema)));
            Assert.Equal(id, Split(message).SchemaId);
            ids.Add(id);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static (int SchemaId, byte[] Body) Split(byte[] message)
    {
        int schemaId = ConfluentWireFormat.Read(message, out var payload);
        return (schemaId, payload.ToArray());
    }
}
