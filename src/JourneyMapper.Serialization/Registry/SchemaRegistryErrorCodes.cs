namespace JourneyMapper.Serialization.Registry;

/// <summary>The <c>error_code</c> values of Confluent's Schema Registry error bodies that callers act on.</summary>
public static class SchemaRegistryErrorCodes
{
    public const int Unauthorized = 401;
    public const int SubjectNotFound = 40401;
    public const int VersionNotFound = 40402;
    public const int SchemaNotFound = 40403;
    public const int SubjectCompatibilityNotConfigured = 40408;

    /// <summary>
    /// Registration refused by the subject's compatibility level. Confluent has long sent the bare HTTP status
    /// here; recent servers may send 40901, so test <see cref="SchemaRegistryException.IsIncompatibleSchema"/>.
    /// </summary>
    public const int IncompatibleSchema = 409;

    public const int InvalidSchema = 42201;
    public const int InvalidVersion = 42202;
    public const int InvalidCompatibilityLevel = 42203;
    public const int BackendStoreError = 50001;
}
