using System.Text.Json.Nodes;
using JourneyMapper.Serialization.Avro;
using Xunit.Sdk;

namespace JourneyMapper.Serialization.Tests.CrossImplementation;

/// <summary>One value checked both ways against both JavaScript libraries.</summary>
internal static class CrossCheck
{
    /// <summary>
    /// For avsc and avro-js: the library encodes the value, the C# reader decodes its bytes to the same value, and
    /// the bytes equal the C# writer's byte for byte (the binary encoding is deterministic once map order is fixed;
    /// the C# side writes maps in the order JavaScript enumerates them); the library decodes the C# bytes to the
    /// same value. <paramref name="schemaJson"/> is what the libraries parse, <paramref name="schema"/> its C# parse.
    /// </summary>
    public static async Task BothWaysAsync(NodePeer peer, AvroSchema schema, string schemaJson, object? value, string caseName)
    {
        byte[] csharpBytes;
        try
        {
            csharpBytes = GenericDatumWriter.For(schema).Serialize(AvroValues.InJavaScriptMapOrder(schema, value));
        }
        catch (AvroException e)
        {
            throw new XunitException($"{caseName}: the C# writer rejected {GenericData.ToDisplayString(value)}: {e.Message}");
        }

        var json = TaggedJson.ToJson(schema, value);
        var reader = new GenericDatumReader(schema);
        foreach (string library in NodePeer.Libraries)
        {
            byte[] libraryBytes;
            try
            {
                libraryBytes = await peer.EncodeAsync(library, schemaJson, json).ConfigureAwait(false);
            }
            catch (NodePeerException e)
            {
                throw new XunitException($"{caseName}: {library} could not encode {json?.ToJsonString()}: {e.Message}");
            }

            object? decoded;
            try
            {
                decoded = reader.Read(libraryBytes);
            }
            catch (AvroException e)
            {
                throw new XunitException($"{caseName}: the C# reader rejected {library}'s bytes {Hex(libraryBytes)}: {e.Message}");
            }

            AvroValues.AssertSame(schema, value, decoded, $"{caseName}: {library}'s bytes decoded in C#", () => $"{library}: {Hex(libraryBytes)}\n      C#: {Hex(csharpBytes)}\n    sent: {json?.ToJsonString()}");
            if (!libraryBytes.AsSpan().SequenceEqual(csharpBytes))
            {
                throw new XunitException($"{caseName}: {library} and C# encode {GenericData.ToDisplayString(value)} differently\n{library,8}: {Hex(libraryBytes)}\n      C#: {Hex(csharpBytes)}");
            }

            JsonNode? decodedByLibrary;
            try
            {
                decodedByLibrary = await peer.DecodeAsync(library, schemaJson, csharpBytes).ConfigureAwait(false);
            }
            catch (NodePeerException e)
            {
                throw new XunitException($"{caseName}: {library} could not decode the C# bytes {Hex(csharpBytes)}: {e.Message}");
            }

            AvroValues.AssertSame(schema, value, TaggedJson.FromJson(schema, decodedByLibrary), $"{caseName}: C# bytes decoded by {library}", () => $"      C#: {Hex(csharpBytes)}\n    sent: {json?.ToJsonString()}\nreceived: {decodedByLibrary?.ToJsonString()}");
        }
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => bytes.Length <= 512
        ? Convert.ToHexString(bytes)
        : $"{Convert.ToHexString(bytes[..256])}...{Convert.ToHexString(bytes[^256..])} ({bytes.Length} bytes)";
}
