using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace JourneyMapper.Streams.Kafka;

/// <summary>
/// Points Confluent.Kafka, and the runtime's own calls into librdkafka, at the operating system's librdkafka (Debian's
/// <c>librdkafka1</c> ships only <c>librdkafka.so.1</c>, which the client's own probing for <c>librdkafka</c> never tries).
/// </summary>
public static class KafkaNativeLibrary
{
    private const string SystemLibrary = "librdkafka.so.1";
    private static readonly Lazy<bool> Registered = new(Register);

    /// <summary>Call before the first Kafka client is built; safe to call any number of times.</summary>
    public static void EnsureLoaded() => _ = Registered.Value;

    private static bool Register()
    {
        NativeLibrary.SetDllImportResolver(typeof(IClient).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(KafkaNativeLibrary).Assembly, Resolve);
        return true;
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!name.Contains("librdkafka", StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        // Let a bundled library (e.g. librdkafka.redist where available) win, then fall back to the system one.
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle) || NativeLibrary.TryLoad(SystemLibrary, out handle))
        {
            return handle;
        }

        return IntPtr.Zero;
    }
}
