using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace JourneyMapper.Benchmarks;

/// <summary>
/// Pre-serialized click events: 1,000,000 events for 100,000 keys ("user-000123"), 8-byte big-endian values.
/// Each key is active for a random 30-minute stretch starting somewhere in the first 30 minutes and has 10
/// events in it, so with a 30-minute gap each key has one session; events are in time order except that one
/// in ten is up to 5 s early (well within the 2-minute grace). At the end stream time is ~60 min and the close
/// time ~28 min: most sessions (~95%) are still open, a few have closed and been emitted.
/// </summary>
public sealed class Workload
{
    public const string Topic = "clicks";
    public const int Keys = 100_000;
    public const int EventsPerKey = 10;
    public const int Events = Keys * EventsPerKey;
    public const long Minute = 60_000;
    private const long Epoch = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    private Workload(byte[][] keys, byte[][] values, long[] timestamps) => (KeyBytes, ValueBytes, Timestamps) = (keys, values, timestamps);

    public byte[][] KeyBytes { get; }

    public byte[][] ValueBytes { get; }

    public long[] Timestamps { get; }

    public static Workload Create(int keys = Keys, int seed = 42)
    {
        var random = new Random(seed);
        var events = new (long Time, int Key)[keys * EventsPerKey];
        for (var key = 0; key < keys; key++)
        {
            var activeFrom = random.NextInt64(0, 30 * Minute);
            for (var i = 0; i < EventsPerKey; i++)
            {
                events[(key * EventsPerKey) + i] = (activeFrom + random.NextInt64(0, 30 * Minute), key);
            }
        }

        Array.Sort(events);
        var keyBytes = new byte[events.Length][];
        var values = new byte[events.Length][];
        var timestamps = new long[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var (time, key) = events[i];
            keyBytes[i] = Encoding.UTF8.GetBytes("user-" + key.ToString("D6", CultureInfo.InvariantCulture));
            values[i] = new byte[sizeof(long)];
            BinaryPrimitives.WriteInt64BigEndian(values[i], random.NextInt64(1, 10_000));
            timestamps[i] = Epoch + time - (random.Next(10) == 0 ? random.Next(5_000) : 0);
        }

        return new Workload(keyBytes, values, timestamps);
    }
}
