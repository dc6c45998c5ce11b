namespace JourneyMapper.Tools.SchemaRegistry;

/// <summary>
/// An error answer in Confluent's shape (<c>{"error_code": ..., "message": ...}</c>). Thrown from anywhere in a
/// request and written by one middleware, as Confluent's own server does with its RestException.
/// </summary>
internal sealed class RegistryRestException : Exception
{
    public RegistryRestException()
    {
    }

    public RegistryRestException(string message)
        : base(message)
    {
    }

    public RegistryRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RegistryRestException(int httpStatus, int errorCode, string message)
        : base(message)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
    }

    public int HttpStatus { get; } = 500;

    public int ErrorCode { get; } = 50001;

    public static RegistryRestException SubjectNotFound(string subject) => new(404, 40401, $"Subject '{subject}' not found.");

    public static RegistryRestException VersionNotFound(int version) => new(404, 40402, $"Version {version} not found.");

    public static RegistryRestException SchemaNotFound(int id) => new(404, 40403, $"Schema {id} not found");

    public static RegistryRestException SchemaNotFound() => new(404, 40403, "Schema not found");

    public static RegistryRestException SubjectCompatibilityNotConfigured(string subject) =>
        new(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured");

    public static RegistryRestException Incompatible(string subject, IReadOnlyList<string> details) =>
        new(409, 409, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join("; ", details)}]");

    public static RegistryRestException InvalidSchema(string reason) => new(422, 42201, $"Invalid schema: {reason}");

    public static RegistryRestException InvalidVersion(string version) => new(
        422, 42202, $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");

    public static RegistryRestException InvalidCompatibilityLevel() => new(
        422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");

    public static RegistryRestException BadRequest(string message) => new(400, 400, message);
}
