using System.Collections;
using System.Runtime.InteropServices;

namespace JourneyMapper.Serialization.Avro;

/// <summary>array: any non-generic ICollection (List&lt;object?&gt;, arrays, List&lt;T&gt;), written as one block.</summary>
internal sealed class ArrayEncoder(ArraySchema schema, DatumEncoder items) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is ICollection and not byte[] and not IDictionary;

    public override void Write(AvroWriter writer, object? value)
    {
        switch (value)
        {
            case List<object?> list:
                var span = CollectionsMarshal.AsSpan(list);
                if (span.Length > 0)
                {
                    writer.WriteBlockCount(span.Length);
                    foreach (var item in span)
                    {
                        items.Write(writer, item);
                    }
                }

                break;
            case ICollection collection when IsExact(value):
                if (collection.Count > 0)
                {
                    writer.WriteBlockCount(collection.Count);
                    int written = 0;
                    foreach (var item in collection)
                    {
                        items.Write(writer, item);
                        written++;
                    }

                    // The count went out first, so a collection that changed meanwhile would corrupt the encoding.
                    if (written != collection.Count)
                    {
                        throw new AvroException("The array changed while it was being written");
                    }
                }

                break;
            default:
                throw Mismatch(value);
        }

        writer.WriteCollectionEnd();
    }
}

/// <summary>map: Dictionary&lt;string, object?&gt;, or any non-generic IDictionary with string keys, written as one block.</summary>
internal sealed class MapEncoder(MapSchema schema, DatumEncoder values) : DatumEncoder(schema)
{
    public override bool IsExact(object? value) => value is IDictionary;

    public override void Write(AvroWriter writer, object? value)
    {
        switch (value)
        {
            case Dictionary<string, object?> map:
                if (map.Count > 0)
                {
                    writer.WriteBlockCount(map.Count);
                    foreach (var entry in map)
                    {
                        writer.WriteString(entry.Key);
                        values.Write(writer, entry.Value);
                    }
                }

                break;
            case IDictionary dictionary:
                if (dictionary.Count > 0)
                {
                    writer.WriteBlockCount(dictionary.Count);
                    int written = 0;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WriteString(entry.Key as string ?? throw new AvroException($"Map keys must be strings, not {entry.Key.GetType().Name}"));
                        values.Write(writer, entry.Value);
                        written++;
                    }

                    if (written != dictionary.Count)
                    {
                        throw new AvroException("The map changed while it was being written");
                    }
                }

                break;
            default:
                throw Mismatch(value);
        }

        writer.WriteCollectionEnd();
    }
}

