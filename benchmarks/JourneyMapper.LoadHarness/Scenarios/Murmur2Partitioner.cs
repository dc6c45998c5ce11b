namespace JourneyMapper.LoadHarness.Scenarios;

/// <summary>
/// The partition of a key under the Java client's default partitioner, which the service's producers use
/// (<c>ClientConfigs.Producer</c> sets librdkafka's <c>murmur2_random</c>): <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>.
/// The restore scenario places each session on the partition its customer's events reach, so that the task that
/// restores it is the one that would go on with it; <see cref="RestoreScenario"/> checks this against librdkafka itself.
/// </summary>
internal static class Murmur2Partitioner
{
    public static int PartitionOf(ReadOnlySpan<byte> key, int partitions) => (int)((Hash(key) & 0x7fffffffu) % (uint)partitions);

    /// <summary>Kafka's <c>Utils.murmur2</c> (MurmurHash2, seed 0x9747b28c), as unsigned 32 bits.</summary>
    public static uint Hash(ReadOnlySpan<byte> data)
    {
        const uint Seed = 0x9747b28c;
        const uint M = 0x5bd1e995;
        const int R = 24;

        var length = data.Length;
        var h = Seed ^ (uint)length;
        var whole = length & ~3;
        unchecked
        {
            for (var i = 0; i < whole; i += 4)
            {
                var k = data[i] | ((uint)data[i + 1] << 8) | ((uint)data[i + 2] << 16) | ((uint)data[i + 3] << 24);
                k *= M;
                k ^= k >> R;
                k *= M;
                h *= M;
                h ^= k;
            }

            switch (length & 3)
            {
                case 3:
                    h ^= (uint)data[whole + 2] << 16;
                    h ^= (uint)data[whole + 1] << 8;
                    h ^= data[whole];
                    h *= M;
                    break;
                case 2:
                    h ^= (uint)data[whole + 1] << 8;
                    h ^= data[whole];
                    h *= M;
                    break;
                case 1:
                    h ^= data[whole];
                    h *= M;
                    break;
            }

            h ^= h >> 13;
            h *= M;
            h ^= h >> 15;
        }

        return h;
    }
}
