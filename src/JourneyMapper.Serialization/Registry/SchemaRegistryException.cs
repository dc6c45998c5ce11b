using System.Net;

namespace JourneyMapper.Serialization.Registry;

/// <summary>
/// A schema registry request failed. <see cref="IsTransient"/> separates failures worth retrying (the registry
/// or the network is briefly unwell) from answers that will not change (unknown subject, incompatible schema,
/// bad credentials). Messages never carry credentials.
/// </summary>
public sealed class SchemaRegistryException : Exception
{
    public SchemaRegistryException()
    {
    }

    public SchemaRegistryException(string message)
        : base(message)
    {
    }

    public SchemaRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaRegistryException(string message, HttpStatusCode? httpStatus, int? errorCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status, or null when no response came (timeout, refused connection, TLS failure).</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>The registry's <c>error_code</c> (see <see cref="SchemaRegistryErrorCodes"/>), when its body had one.</summary>
    public int? ErrorCode { get; }

    /// <summary>5xx, 408, 429, timeouts and connection failures: the same request may succeed later.</summary>
    public bool IsTransient { get; }

    /// <summary>The server's Retry-After, which the retry loop honours up to its maximum backoff.</summary>
    internal TimeSpan? RetryAfter { get; init; }

    public bool IsSubjectNotFound => ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound;

    public bool IsSchemaNotFound => ErrorCode == SchemaRegistryErrorCodes.SchemaNotFound;

    public bool IsIncompatibleSchema => HttpStatus == HttpStatusCode.Conflict;
}
