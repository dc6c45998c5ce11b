using System.Text.Json.Nodes;
using JourneyMapper.Serialization.AvroSerdes;

namespace JourneyMapper.Serialization.Tests.AvroSerdes;

/// <summary>Other versions of the records' schemas, derived from the real ones in schemas/ so they cannot drift apart.</summary>
internal static class SchemaVersions
{
    /// <summary>The schema of <paramref name="file"/> without the named top-level fields: an older writer's.</summary>
    public static string Without(string file, params string[] fields)
    {
        var schema = JsonNode.Parse(RecordSchemas.ReadText(file))!.AsObject();
        var list = schema["fields"]!.AsArray();
        foreach (var field in list.Where(f => fields.Contains((string)f!["name"]!)).ToList())
        {
            list.Remove(field);
        }

        return schema.ToJsonString();
    }

    /// <summary>The schema of <paramref name="file"/> with one more field: a newer writer's.</summary>
    public static string WithExtraField(string file, string field, string typeJson)
    {
        var schema = JsonNode.Parse(RecordSchemas.ReadText(file))!.AsObject();
        schema["fields"]!.AsArray().Add(JsonNode.Parse($$"""{"name":"{{field}}","type":{{typeJson}}}"""));
        return schema.ToJsonString();
    }

    /// <summary>The schema of <paramref name="file"/> whose enum named <paramref name="enumName"/> has one more symbol: a newer writer's.</summary>
    public static string WithExtraSymbol(string file, string enumName, string symbol)
    {
        var schema = JsonNode.Parse(RecordSchemas.ReadText(file))!;
        var found = false;
        Visit(schema);
        return found ? schema.ToJsonString() : throw new InvalidOperationException($"No enum '{enumName}' in {file}");

        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj when Text(obj["type"]) == "enum" && Text(obj["name"]) == enumName:
                    obj["symbols"]!.AsArray().Add(symbol);
                    found = true;
                    break;
                case JsonObject obj:
                    foreach (var (_, child) in obj.ToList())
                    {
                        Visit(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array.ToList())
                    {
                        Visit(child);
                    }

                    break;
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
