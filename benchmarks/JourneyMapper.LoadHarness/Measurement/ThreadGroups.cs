using JourneyMapper.Tools.Generator;

namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>What a process of a phase is: the harness (mock cluster, generator, measuring), a service instance, or the pass-through.</summary>
public enum ProcessRole
{
    Harness,
    Service,
    PassThrough,
}

/// <summary>
/// Which part of the run a thread works for, from its process's role and its name's prefix. Linux keeps 15 bytes of a
/// name: .NET names its own threads <c>.NET …</c> and others after <c>Thread.Name</c>, librdkafka names its threads
/// <c>rdk:main</c>, <c>rdk:broker1</c>, … and the mock cluster's one thread, which serves every mock broker,
/// <c>rdk:mock</c>. The rules, first match wins:
/// <list type="bullet">
/// <item><c>rdk:mock</c>: <see cref="MockBrokers"/>.</item>
/// <item><see cref="StreamThreadPrefix"/> (the runtime's <c>&lt;application id&gt;-StreamThread-&lt;n&gt;</c>, cut to 15
/// bytes; its restore thread's name cuts to the same): <see cref="StreamThreads"/>.</item>
/// <item><c>rdk:</c>, and <c>.NET Long Runni</c>, the long-running task on which Confluent.Kafka's producers serve their
/// delivery reports: <see cref="Librdkafka"/>. In the harness, the generator builds a new producer every phase, while
/// its other clients (the offsets reader, the mock cluster's own handle) exist before: threads that started with the
/// phase are <see cref="GeneratorProducer"/>, the others <see cref="OtherClients"/>.</item>
/// <item><c>.NET BGC</c>, <c>.NET Server GC</c>: <see cref="BackgroundGc"/>. Blocking collections of workstation GC
/// run on the thread that allocated, and count as its time.</item>
/// <item><c>.NET Tiered Com</c>: <see cref="Jit"/>, the background compilation to optimized code.</item>
/// <item><see cref="ClickstreamProducer.ThreadName"/> (cut to 15 bytes), the harness's generator loop (pacing and handing
/// records to the producer; generating and encoding them too when a phase runs flat out, since paced phases send records
/// rendered before the run): <see cref="GeneratorLoop"/>.</item>
/// <item><c>.NET TP Worker</c>: the thread pool, which in the pass-through runs the copy loop, in the service the
/// endpoints, in the harness the once-a-second scrapes and offset queries: <see cref="CopyLoop"/>,
/// <see cref="ThreadPool"/>.</item>
/// <item>Anything else (main thread, finalizer, timers, sockets): <see cref="Other"/>.</item>
/// </list>
/// </summary>
public static class ThreadGroups
{
    private const int LinuxNameLength = 15;

    public const string MockBrokers = "mock brokers";
    public const string StreamThreads = "stream threads";
    public const string Librdkafka = "librdkafka";
    public const string GeneratorProducer = "generator's producer (librdkafka)";
    public const string OtherClients = "other librdkafka clients";
    public const string GeneratorLoop = "generator loop";
    public const string CopyLoop = "copy loop (thread pool)";
    public const string ThreadPool = "thread pool";
    public const string BackgroundGc = "background GC";
    public const string Jit = "JIT tiering";

    /// <summary>Threads no rule names, and threads that ended within the window (only their process's total keeps them).</summary>
    public const string Other = "other";

    /// <summary>The name the kernel keeps of the service's stream threads (15 bytes of it).</summary>
    public static readonly string StreamThreadPrefix = (BenchEnvironment.ApplicationId + "-StreamThread-")[..LinuxNameLength];

    private static readonly string GeneratorThread = ClickstreamProducer.ThreadName[..LinuxNameLength];

    // The order reports list the groups in: the work first, the runtime's housekeeping last.
    private static readonly string[] Order =
    [
        StreamThreads, CopyLoop, MockBrokers, GeneratorLoop, GeneratorProducer, Librdkafka, OtherClients, ThreadPool, BackgroundGc, Jit, Other,
    ];

    /// <summary>Where reports list a group among a process's groups.</summary>
    public static int Rank(string group) => Array.IndexOf(Order, group) is >= 0 and var rank ? rank : Order.Length;

    /// <param name="startedInPhase">The thread did not exist yet when the phase began (before the generator started).</param>
    public static string Of(ProcessRole role, string threadName, bool startedInPhase)
    {
        ArgumentNullException.ThrowIfNull(threadName);
        if (threadName.StartsWith("rdk:mock", StringComparison.Ordinal))
        {
            return MockBrokers;
        }

        if (threadName.StartsWith(StreamThreadPrefix, StringComparison.Ordinal))
        {
            return StreamThreads;
        }

        if (threadName.StartsWith("rdk:", StringComparison.Ordinal) || threadName.StartsWith(".NET Long Runni", StringComparison.Ordinal))
        {
            return role != ProcessRole.Harness ? Librdkafka : startedInPhase ? GeneratorProducer : OtherClients;
        }

        if (threadName.StartsWith(GeneratorThread, StringComparison.Ordinal))
        {
            return GeneratorLoop;
        }

        if (threadName.StartsWith(".NET BGC", StringComparison.Ordinal) || threadName.StartsWith(".NET Server GC", StringComparison.Ordinal))
        {
            return BackgroundGc;
        }

        if (threadName.StartsWith(".NET Tiered Com", StringComparison.Ordinal))
        {
            return Jit;
        }

        if (threadName.StartsWith(".NET TP Worker", StringComparison.Ordinal))
        {
            return role == ProcessRole.PassThrough ? CopyLoop : ThreadPool;
        }

        return Other;
    }
}
