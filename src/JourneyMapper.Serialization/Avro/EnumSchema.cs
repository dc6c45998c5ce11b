using System.Text.Json;

namespace JourneyMapper.Serialization.Avro;

/// <summary>An enum: named, with ordered unique symbols and an optional default symbol for resolution.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes;
    private readonly GenericEnum[] _values;

    internal EnumSchema(
        SchemaName name,
        IReadOnlyList<string> aliases,
        string? doc,
        string[] symbols,
        string? defaultSymbol,
        IReadOnlyDictionary<string, JsonElement>? properties)
        : base(AvroType.Enum, name, aliases, doc, null, properties)
    {
        Symbols = symbols;
        Default = defaultSymbol;
        _indexes = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        _values = new GenericEnum[symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            if (!_indexes.TryAdd(symbols[i], i))
            {
                throw new AvroException($"Enum '{FullName}' lists symbol '{symbols[i]}' twice");
            }

            _values[i] = new GenericEnum(this, i);
        }

        if (defaultSymbol is not null && !_indexes.ContainsKey(defaultSymbol))
        {
            throw new AvroException($"Enum '{FullName}' default '{defaultSymbol}' is not one of its symbols");
        }
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for a writer's symbol it does not know, or null.</summary>
    public string? Default { get; }

    /// <summary>The position of a symbol, or -1.</summary>
    public int IndexOf(string symbol) => _indexes.GetValueOrDefault(symbol, -1);

    /// <summary>The shared value for the symbol at <paramref name="index"/>: enum values are immutable, so decoding allocates none.</summary>
    public GenericEnum GetValue(int index) => _values[index];

    public GenericEnum GetValue(string symbol)
    {
        int index = IndexOf(symbol);
        return index >= 0 ? _values[index] : throw new AvroException($"'{symbol}' is not a symbol of enum '{FullName}'");
    }
}
