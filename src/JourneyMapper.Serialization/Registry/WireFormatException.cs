namespace JourneyMapper.Serialization.Registry;

public enum WireFormatError
{
    /// <summary>Raised through a constructor that names no reason.</summary>
    Unspecified,
    Empty,
    TooShort,
    UnknownMagicByte,
}

/// <summary>A key or value is not in Confluent's schema-registry framing; <see cref="Reason"/> says how.</summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException()
        : this(WireFormatError.Unspecified, "The message is not in the schema registry wire format.")
    {
    }

    public WireFormatException(string message)
        : this(WireFormatError.Unspecified, message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WireFormatException(WireFormatError reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public WireFormatException(byte magicByte, string message)
        : base(message)
    {
        Reason = WireFormatError.UnknownMagicByte;
        MagicByte = magicByte;
    }

    public WireFormatError Reason { get; }

    /// <summary>The byte found where the magic byte belongs, when <see cref="Reason"/> is <see cref="WireFormatError.UnknownMagicByte"/>.</summary>
    public byte? MagicByte { get; }
}
