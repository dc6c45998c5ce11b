using System.Diagnostics.CodeAnalysis;

namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The named types known to a parse, by fullname. Pass one instance to several
/// <see cref="AvroSchema.Parse(string, SchemaNames)"/> calls to let later schemas refer to types defined in
/// earlier ones (a schema registry's references). Not thread-safe while parses add to it.
/// </summary>
public sealed class SchemaNames
{
    private readonly Dictionary<string, NamedSchema> _byFullName = new(StringComparer.Ordinal);
    private readonly SchemaNames? _parent;

    public SchemaNames()
    {
    }

    // A parse defines into a child scope and commits only when the whole schema is valid,
    // so a failed parse leaves the caller's names untouched.
    private SchemaNames(SchemaNames parent) => _parent = parent;

    public int Count => _byFullName.Count;

    public IEnumerable<NamedSchema> Schemas => _byFullName.Values;

    public bool TryGet(string fullName, [NotNullWhen(true)] out NamedSchema? schema) =>
        _byFullName.TryGetValue(fullName, out schema) || (_parent is not null && _parent.TryGet(fullName, out schema));

    /// <summary>Adds a type; a schema may not define the same fullname twice.</summary>
    public void Add(NamedSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (_parent is not null && _parent.TryGet(schema.FullName, out _))
        {
            throw new AvroException($"The name '{schema.FullName}' is already defined");
        }

        if (!_byFullName.TryAdd(schema.FullName, schema))
        {
            throw new AvroException($"The name '{schema.FullName}' is already defined");
        }
    }

    internal SchemaNames CreateScope() => new(this);

    internal void CommitTo(SchemaNames target)
    {
        foreach (var schema in _byFullName.Values)
        {
            target.Add(schema);
        }
    }

    /// <summary>
    /// Resolves a reference: a dotted name is a fullname; a simple name takes the enclosing namespace and, failing
    /// that, the null namespace (what Java's parser does, so types in the null namespace stay reachable from inside
    /// a namespace).
    /// </summary>
    internal NamedSchema? Resolve(string reference, string? enclosingNamespace)
    {
        NamedSchema? found;
        if (reference.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(enclosingNamespace))
        {
            return TryGet(reference, out found) ? found : null;
        }

        return TryGet(enclosingNamespace + "." + reference, out found) || TryGet(reference, out found) ? found : null;
    }
}
