namespace JourneyMapper.Serialization.Avro;

/// <summary>
/// The one exception this library throws for malformed input: an invalid schema, bytes that do not decode
/// under the writer's schema, schemas that cannot be resolved, or a value that does not fit its schema.
/// Callers (deserialization handlers, the dead-letter path) catch this type alone.
/// </summary>
public sealed class AvroException : Exception
{
    private List<string>? _context;

    public AvroException()
    {
    }

    public AvroException(string message)
        : base(message)
    {
    }

    public AvroException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The message, prefixed by where it happened (outermost first), e.g. "Field 'a' of record 'R': ...".</summary>
    public override string Message
    {
        get
        {
            if (_context is null)
            {
                return base.Message;
            }

            var parts = new string[_context.Count + 1];
            for (int i = 0; i < _context.Count; i++)
            {
                parts[i] = _context[_context.Count - 1 - i];
            }

            parts[^1] = base.Message;
            return string.Join(": ", parts);
        }
    }

    /// <summary>
    /// Adds where the error happened, for use in an exception filter (<c>when (e.AddContext(...))</c>), which
    /// always declines. Catching and re-throwing at every level of a deep value would instead nest one exception
    /// dispatch per level on the stack, and deep enough values would overflow it.
    /// </summary>
    internal bool AddContext(string context)
    {
        (_context ??= []).Add(context);
        return false;
    }
}
