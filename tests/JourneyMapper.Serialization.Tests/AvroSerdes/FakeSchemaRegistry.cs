using System.Net;
using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Serialization.Tests.AvroSerdes;

/// <summary>
/// An in-memory registry that counts its calls and can be made to fail, for serde unit tests. Schemas are told
/// apart by their exact text; the HTTP registry's behaviour is covered in JourneyMapper.Tools.Tests.
/// </summary>
internal sealed class FakeSchemaRegistry : ISchemaRegistryClient
{
    private readonly Lock _gate = new();
    private readonly List<string> _schemas = [];
    private readonly Dictionary<string, List<int>> _subjects = new(StringComparer.Ordinal);

    public int RegisterCalls { get; private set; }

    public int LookupCalls { get; private set; }

    public int GetByIdCalls { get; private set; }

    public int Calls => RegisterCalls + LookupCalls + GetByIdCalls;

    /// <summary>While set, every call throws this.</summary>
    public SchemaRegistryException? FailWith { get; set; }

    public static SchemaRegistryException Unavailable() =>
        new("POST subjects failed: HTTP 503: unavailable", HttpStatusCode.ServiceUnavailable, 50001, isTransient: true);

    public static SchemaRegistryException NotFound(int errorCode) =>
        new($"not found ({errorCode})", HttpStatusCode.NotFound, errorCode, isTransient: false);

    /// <summary>Stores a schema under an id without a subject, as another producer's registration would.</summary>
    public int Add(string schema)
    {
        lock (_gate)
        {
            var index = _schemas.IndexOf(schema);
            if (index >= 0)
            {
                return index + 1;
            }

            _schemas.Add(schema);
            return _schemas.Count;
        }
    }

    public IReadOnlyList<string> VersionsOf(string subject)
    {
        lock (_gate)
        {
            return _subjects.TryGetValue(subject, out var ids) ? [.. ids.Select(id => _schemas[id - 1])] : [];
        }
    }

    public Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            RegisterCalls++;
            ThrowIfFailing();
            var id = Add(schema);
            if (!_subjects.TryGetValue(subject, out var ids))
            {
                _subjects[subject] = ids = [];
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }

            return Task.FromResult(id);
        }
    }

    public Task<int> GetSchemaIdAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            LookupCalls++;
            ThrowIfFailing();
            if (!_subjects.TryGetValue(subject, out var ids))
            {
                throw NotFound(SchemaRegistryErrorCodes.SubjectNotFound);
            }

            var id = _schemas.IndexOf(schema) + 1;
            return ids.Contains(id) ? Task.FromResult(id) : throw NotFound(SchemaRegistryErrorCodes.SchemaNotFound);
        }
    }

    public async Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        // Asynchronous for real, so the serde's blocking wait is exercised.
        await Task.Yield();
        lock (_gate)
        {
            GetByIdCalls++;
            ThrowIfFailing();
            return id >= 1 && id <= _schemas.Count ? _schemas[id - 1] : throw NotFound(SchemaRegistryErrorCodes.SchemaNotFound);
        }
    }

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<bool> IsCompatibleAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private void ThrowIfFailing()
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }
    }
}
