namespace JourneyMapper.Serialization.Avro;

/// <summary>Reads an array's blocks into a List; the first block's (bounded) count sizes the list.</summary>
internal sealed class ArrayDecoder(DatumDecoder items, int minItemBytes) : DatumDecoder
{
    public override object Read(ref AvroReader reader)
    {
        int count = reader.ReadBlockCount(minItemBytes, out int blockEnd);
        var list = new List<object?>(count);
        while (count != 0)
        {
            for (int i = 0; i < count; i++)
            {
                list.Add(items.Read(ref reader));
            }

            reader.CheckBlockEnd(blockEnd);
            count = reader.ReadBlockCount(minItemBytes, out blockEnd);
        }

        return list;
    }
}

/// <summary>Reads a map's blocks into a Dictionary; a repeated key keeps its last value, as Java's reader does.</summary>
internal sealed class MapDecoder(DatumDecoder values, int minEntryBytes) : DatumDecoder
{
    public override object Read(ref AvroReader reader)
    {
        int count = reader.ReadBlockCount(minEntryBytes, out int blockEnd);
        var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        while (count != 0)
        {
            for (int i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                map[key] = values.Read(ref reader);
            }

            reader.CheckBlockEnd(blockEnd);
            count = reader.ReadBlockCount(minEntryBytes, out blockEnd);
        }

        return map;
    }
}

