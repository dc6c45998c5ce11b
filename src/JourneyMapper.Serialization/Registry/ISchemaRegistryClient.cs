namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// What serializers need from a schema registry. Swappable: <see cref="SchemaRegistryClient"/> speaks Confluent's
/// REST API; tests may substitute an in-memory fake.
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>Registers <paramref name="schema"/> under <paramref name="subject"/>, or finds it if already there.</summary>
    /// <returns>The schema's global id, the same for the same schema under any subject.</returns>
    /// <exception cref="SchemaRegistryException">
    /// E.g. <see cref="SchemaRegistryErrorCodes.IncompatibleSchema"/> or <see cref="SchemaRegistryErrorCodes.InvalidSchema"/>.
    /// </exception>
    Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>The id of <paramref name="schema"/> under <paramref name="subject"/>, without registering it.</summary>
    /// <exception cref="SchemaRegistryException">
    /// <see cref="SchemaRegistryErrorCodes.SubjectNotFound"/> or <see cref="SchemaRegistryErrorCodes.SchemaNotFound"/> when absent.
    /// </exception>
    Task<int> GetSchemaIdAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <exception cref="SchemaRegistryException"><see cref="SchemaRegistryErrorCodes.SchemaNotFound"/> for an unknown id.</exception>
    Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default);

    /// <exception cref="SchemaRegistryException"><see cref="SchemaRegistryErrorCodes.SubjectNotFound"/> for an unknown subject.</exception>
    Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether registering <paramref name="schema"/> under <paramref name="subject"/> would pass the subject's
    /// compatibility level. True for a subject with no versions yet, as Confluent's registry answers.
    /// </summary>
    Task<bool> IsCompatibleAsync(string subject, string schema, CancellationToken cancellationToken = default);
}

/// <summary>One version of a subject.</summary>
public sealed record RegisteredSchema(string Subject, int Id, int Version, string Schema);
