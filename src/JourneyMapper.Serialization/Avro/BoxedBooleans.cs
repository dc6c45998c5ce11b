namespace JourneyMapper.Serialization.Avro;

/// <summary>Shared boxes for the two booleans, so decoding a boolean allocates nothing.</summary>
internal static class BoxedBooleans
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;
}
