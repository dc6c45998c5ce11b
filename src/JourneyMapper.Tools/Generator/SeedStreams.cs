namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Independent random streams derived from one seed, so that changing how records are delivered
/// (delays, duplicates, defects) never changes which journeys are simulated.
/// </summary>
internal static class SeedStreams
{
    public const int Journeys = 1;
    public const int Delivery = 2;
    public const int Defects = 3;

    // SplitMix64 finaliser: HashCode.Combine is randomised per process and would break reproducibility.
    public static Random Create(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return new Random((int)z);
        }
    }
}
