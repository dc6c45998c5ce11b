namespace JourneyMapper.Serialization.Avro;

/// <summary>The fullname of a named type, split into its simple name and namespace.</summary>
public sealed record SchemaName
{
    internal SchemaName(string name, string? ns)
    {
        Name = name;
        Namespace = string.IsNullOrEmpty(ns) ? null : ns;
        FullName = Namespace is null ? name : Namespace + "." + name;
    }

    public string Name { get; }

    /// <summary>Null for the null namespace (written "" in JSON).</summary>
    public string? Namespace { get; }

    public string FullName { get; }

    public override string ToString() => FullName;

    /// <summary>
    /// The specification's fullname rule: a dotted name is already a fullname (the namespace attribute is ignored);
    /// otherwise the explicit namespace applies, else the namespace of the most tightly enclosing named type.
    /// </summary>
    internal static SchemaName Resolve(string name, string? explicitNamespace, string? enclosingNamespace)
    {
        int dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            return new SchemaName(name[(dot + 1)..], name[..dot]);
        }

        return new SchemaName(name, explicitNamespace ?? enclosingNamespace);
    }
}
