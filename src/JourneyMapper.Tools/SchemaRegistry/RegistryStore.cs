using System.Globalization;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Tools.SchemaRegistry;

/// <summary>
/// The registry's state and rules. One lock serializes everything: a registration must check compatibility and
/// append a version atomically, and a test server has no throughput to protect.
/// </summary>
internal sealed class RegistryStore
{
    private readonly Lock _gate = new();
    private readonly ISchemaCompatibilityChecker _checker;
    private readonly Func<string, string> _normalize;

    // Index i holds schema id i + 1, as first registered: Confluent numbers ids from 1 and never reuses them.
    private readonly List<string> _schemas = [];
    private readonly Dictionary<string, int> _idsByNormalizedSchema = new(StringComparer.Ordinal);

    // Index i holds the schema id of version i + 1.
    private readonly Dictionary<string, List<int>> _versionsBySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityLevel> _subjectLevels = new(StringComparer.Ordinal);
    private CompatibilityLevel _globalLevel;

    public RegistryStore(ISchemaCompatibilityChecker checker, Func<string, string> normalize, CompatibilityLevel globalLevel)
    {
        _checker = checker;
        _normalize = normalize;
        _globalLevel = globalLevel;
    }

    public int Register(string subject, string schema)
    {
        var identity = Identity(schema);
        lock (_gate)
        {
            _idsByNormalizedSchema.TryGetValue(identity, out var knownId);
            var versions = _versionsBySubject.GetValueOrDefault(subject);
            if (knownId != 0 && versions is not null && versions.Contains(knownId))
            {
                // Re-registering is how serializers find their id; it must neither add a version nor re-check.
                return knownId;
            }

            var level = LevelFor(subject);
            if (versions is { Count: > 0 } && level != CompatibilityLevel.None)
            {
                var result = _checker.Check(schema, SchemasOf(versions), level);
                if (!result.IsCompatible)
                {
                    throw RegistryRestException.Incompatible(subject, result.Messages);
                }
            }

            var id = knownId;
            if (id == 0)
            {
                _schemas.Add(schema);
                id = _schemas.Count;
                _idsByNormalizedSchema[identity] = id;
            }

            if (versions is null)
            {
                versions = [];
                _versionsBySubject[subject] = versions;
            }

            versions.Add(id);
            return id;
        }
    }

    public SubjectVersionBody Lookup(string subject, string schema)
    {
        var identity = Identity(schema);
        lock (_gate)
        {
            var versions = Versions(subject);
            if (_idsByNormalizedSchema.TryGetValue(identity, out var id))
            {
                var index = versions.IndexOf(id);
                if (index >= 0)
                {
                    return new SubjectVersionBody(subject, index + 1, id, _schemas[id - 1]);
                }
            }

            throw RegistryRestException.SchemaNotFound();
        }
    }

    public SubjectVersionBody GetVersion(string subject, string version)
    {
        var requested = ParseVersion(version);
        lock (_gate)
        {
            var versions = Versions(subject);
            var number = requested ?? versions.Count;
            if (number > versions.Count)
            {
                throw RegistryRestException.VersionNotFound(number);
            }

            var id = versions[number - 1];
            return new SubjectVersionBody(subject, number, id, _schemas[id - 1]);
        }
    }

    public int[] ListVersions(string subject)
    {
        lock (_gate)
        {
            return [.. Enumerable.Range(1, Versions(subject).Count)];
        }
    }

    public string[] ListSubjects()
    {
        lock (_gate)
        {
            return [.. _versionsBySubject.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public string GetSchema(string id)
    {
        lock (_gate)
        {
            if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= _schemas.Count)
            {
                return _schemas[number - 1];
            }
        }

        throw int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked)
            ? RegistryRestException.SchemaNotFound(asked)
            : RegistryRestException.SchemaNotFound();
    }

    public CompatibilityResult CheckCompatibility(string subject, string version, string schema)
    {
        var requested = ParseVersion(version);
        Identity(schema);
        lock (_gate)
        {
            var versions = _versionsBySubject.GetValueOrDefault(subject);
            if (versions is null)
            {
                // Confluent answers "compatible" for a subject with nothing to break, but only against "latest".
                return requested is null ? CompatibilityResult.Compatible : throw RegistryRestException.SubjectNotFound(subject);
            }

            var level = LevelFor(subject);
            if (level == CompatibilityLevel.None)
            {
                return CompatibilityResult.Compatible;
            }

            if (requested is { } number)
            {
                if (number > versions.Count)
                {
                    throw RegistryRestException.VersionNotFound(number);
                }

                return _checker.Check(schema, [_schemas[versions[number - 1] - 1]], level);
            }

            return _checker.Check(schema, SchemasOf(versions), level);
        }
    }

    public CompatibilityLevel GetGlobalLevel()
    {
        lock (_gate)
        {
            return _globalLevel;
        }
    }

    public void SetGlobalLevel(CompatibilityLevel level)
    {
        lock (_gate)
        {
            _globalLevel = level;
        }
    }

    public CompatibilityLevel GetSubjectLevel(string subject, bool defaultToGlobal)
    {
        lock (_gate)
        {
            if (_subjectLevels.TryGetValue(subject, out var level))
            {
                return level;
            }

            return defaultToGlobal ? _globalLevel : throw RegistryRestException.SubjectCompatibilityNotConfigured(subject);
        }
    }

    public void SetSubjectLevel(string subject, CompatibilityLevel level)
    {
        lock (_gate)
        {
            _subjectLevels[subject] = level;
        }
    }

    private CompatibilityLevel LevelFor(string subject) => _subjectLevels.TryGetValue(subject, out var level) ? level : _globalLevel;

    private List<int> Versions(string subject) =>
        _versionsBySubject.TryGetValue(subject, out var versions) ? versions : throw RegistryRestException.SubjectNotFound(subject);

    private string[] SchemasOf(List<int> versions) => [.. versions.Select(id => _schemas[id - 1])];

    private string Identity(string schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            throw RegistryRestException.InvalidSchema("the schema is empty");
        }

        try
        {
            return _normalize(schema);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Whatever the normalizer rejects is, by its definition, not a schema.
            throw RegistryRestException.InvalidSchema(e.Message);
        }
    }

    /// <returns>Null for the latest version.</returns>
    private static int? ParseVersion(string version)
    {
        if (string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase) || version == "-1")
        {
            return null;
        }

        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw RegistryRestException.InvalidVersion(version);
    }
}
