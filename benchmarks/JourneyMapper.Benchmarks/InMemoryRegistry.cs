using JourneyMapper.Serialization.Registry;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// A schema registry in memory, one id per distinct schema: benchmarks measure the Avro serdes' steady state, in
/// which the registry is asked once per topic and schema id and then never again.
/// </summary>
internal sealed class InMemoryRegistry : ISchemaRegistryClient
{
    private readonly Dictionary<string, int> _ids = [];
    private readonly Dictionary<int, string> _schemas = [];
    private readonly Dictionary<string, int> _latest = [];

    public Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        lock (_ids)
        {
            if (!_ids.TryGetValue(schema, out var id))
            {
                id = _ids.Count + 1;
                _ids[schema] = id;
                _schemas[id] = schema;
            }

            _latest[subject] = id;
            return Task.FromResult(id);
        }
    }

    public Task<int> GetSchemaIdAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        RegisterSchemaAsync(subject, schema, cancellationToken);

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_ids)
        {
            return Task.FromResult(_schemas[id]);
        }
    }

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        lock (_ids)
        {
            var id = _latest[subject];
            return Task.FromResult(new RegisteredSchema(subject, id, 1, _schemas[id]));
        }
    }

    public Task<bool> IsCompatibleAsync(string subject, string schema, CancellationToken cancellationToken = default) => Task.FromResult(true);
}
