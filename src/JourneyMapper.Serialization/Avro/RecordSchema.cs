using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>A record: named, with ordered fields.</summary>
public sealed class RecordSchema : NamedSchema
{
    private RecordField[] _fields = [];
    private Dictionary<string, RecordField> _byName = new(StringComparer.Ordinal);

    internal RecordSchema(
        SchemaName name,
        IReadOnlyList<string> aliases,
        string? doc,
        IReadOnlyDictionary<string, JsonElement>? properties)
        : base(AvroType.Record, name, aliases, doc, null, properties)
    {
    }

    public IReadOnlyList<RecordField> Fields => _fields;

    /// <summary>The field with this exact name (aliases are not consulted), or null.</summary>
    public RecordField? GetField(string name) => _byName.GetValueOrDefault(name);

    public bool TryGetField(string name, out RecordField field) => _byName.TryGetValue(name, out field!);

    // Fields are attached after the record is registered, so a field may refer to its own record (recursion).
    internal void SetFields(RecordField[] fields)
    {
        var byName = new Dictionary<string, RecordField>(fields.Length, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!byName.TryAdd(field.Name, field))
            {
                throw new AvroException($"Record '{FullName}' defines field '{field.Name}' twice");
            }
        }

        _fields = fields;
        _byName = byName;
    }
}
