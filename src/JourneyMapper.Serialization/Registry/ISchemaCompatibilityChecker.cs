namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// Decides whether a schema may join a subject. The in-process registry delegates every compatibility decision
/// here, so the rules (text equality today, Avro schema resolution once the Avro codec lands) can change without
/// touching the server.
/// </summary>
public interface ISchemaCompatibilityChecker
{
    /// <param name="newSchema">The schema being registered or tested.</param>
    /// <param name="existingSchemas">
    /// The schemas to compare against, oldest first. For a registration or a check against <c>latest</c> these are
    /// all of the subject's versions, and a non-transitive <paramref name="level"/> looks at the last one only; a
    /// check against one version passes just that version.
    /// </param>
    /// <param name="level">The subject's level; <see cref="CompatibilityLevel.None"/> accepts anything.</param>
    CompatibilityResult Check(string newSchema, IReadOnlyList<string> existingSchemas, CompatibilityLevel level);
}

/// <summary>The outcome of a compatibility check; <see cref="Messages"/> explain a refusal.</summary>
public sealed record CompatibilityResult(bool IsCompatible, IReadOnlyList<string> Messages)
{
    public static CompatibilityResult Compatible { get; } = new(true, []);

    public static CompatibilityResult Incompatible(params string[] messages) => new(false, messages);
}
