using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>A field of a record.</summary>
public sealed class RecordField
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoProperties = new Dictionary<string, JsonElement>();

    private object? _defaultValue;
    private AvroException? _defaultError;
    private bool _defaultDecoded;
    private bool _decoding;
    private readonly object _gate = new();

    internal RecordField(
        string name,
        int position,
        AvroSchema schema,
        string? doc,
        JsonElement? defaultJson,
        FieldOrder order,
        IReadOnlyList<string> aliases,
        IReadOnlyDictionary<string, JsonElement>? properties)
    {
        Name = name;
        Position = position;
        Schema = schema;
        Doc = doc;
        DefaultJson = defaultJson;
        Order = order;
        Aliases = aliases;
        Properties = properties is { Count: > 0 } ? properties : NoProperties;
    }

    public string Name { get; }

    /// <summary>Zero-based position in the record, which is also the encoding order.</summary>
    public int Position { get; }

    public AvroSchema Schema { get; }

    public string? Doc { get; }

    /// <summary>The default exactly as written in the schema, or null when the field has none.</summary>
    public JsonElement? DefaultJson { get; }

    public bool HasDefault => DefaultJson.HasValue;

    public FieldOrder Order { get; }

    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>
    /// The default as a generic value (see <see cref="GenericDatumReader"/> for the mapping). Shared: callers
    /// that mutate it must copy it first (<see cref="GenericData.DeepCopy"/>).
    /// </summary>
    public object? DefaultValue
    {
        get
        {
            EnsureDefaultDecoded();
            return _defaultError is null ? _defaultValue : throw _defaultError;
        }
    }

    internal bool TryGetDefault(out object? value, out string? error)
    {
        EnsureDefaultDecoded();
        value = _defaultValue;
        error = _defaultError?.Message;
        return HasDefault && _defaultError is null;
    }

    // Decoding waits until the whole schema is parsed: a default may be a record whose fields come later.
    internal void EnsureDefaultDecoded()
    {
        if (Volatile.Read(ref _defaultDecoded))
        {
            return;
        }

        // The lock is re-entrant, so the flag below catches a default that needs itself (a record field whose
        // default object omits that same field) instead of recursing until the stack runs out.
        lock (_gate)
        {
            if (_defaultDecoded)
            {
                return;
            }

            if (_decoding)
            {
                throw new AvroException($"The default of field '{Name}' refers to itself");
            }

            _decoding = true;
            try
            {
                if (DefaultJson is { } json)
                {
                    try
                    {
                        _defaultValue = DefaultValueDecoder.Decode(json, Schema);
                    }
                    catch (AvroException e)
                    {
                        _defaultError = new AvroException($"Invalid default for field '{Name}': {e.Message}", e);
                    }
                }
                else
                {
                    _defaultError = new AvroException($"Field '{Name}' has no default value");
                }

                Volatile.Write(ref _defaultDecoded, true);
            }
            finally
            {
                _decoding = false;
            }
        }
    }
}
