using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using Confluent.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace JourneyMapper.Streams.Tests.State;

/// <summary>Measures the heap, so it runs alone: other tests allocating meanwhile would count against it.</summary>
[CollectionDefinition(nameof(DeduplicationStoreMemoryTests), DisableParallelization = true)]
public sealed class DeduplicationStoreMemoryCollection;

/// <summary>The budget: under 48 bytes of memory per remembered key, table slack included, on the heap or in native memory.</summary>
[Collection(nameof(DeduplicationStoreMemoryTests))]
public sealed class DeduplicationStoreMemoryTests(ITestOutputHelper output)
{
    private const int Entries = 1_000_000;
    private const double Budget = 48;

    [Fact]
    public void AMillionKeysTakeLessThan48BytesEach()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new InMemoryDeduplicationStore("seen", TimeSpan.FromHours(24));
        Fill(store);
        var after = GC.GetTotalMemory(forceFullCollection: true) + store.OffHeapBytes;

        var perEntry = (after - before) / (double)Entries;
        output.WriteLine($"{perEntry:F2} bytes per entry measured; table {store.Capacity:N0} slots for {store.ApproximateNumEntries:N0} keys");
        Assert.Equal(Entries, store.ApproximateNumEntries);
        Assert.InRange(perEntry, 24, Budget);
        GC.KeepAlive(store);
    }

    [Fact]
    public void AMillionKeysTakeLessThan48BytesEachWithTheChangelogTooOnceCommitted()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = (IDeduplicationStore)((IStoreBuilder)Stores.InMemoryDeduplicationStore("seen", TimeSpan.FromHours(24)))
            .Build(new ChangelogWriter(new DiscardingCollector(), "seen-changelog", 0, static () => 0));
        Fill(store);
        store.Flush();
        var after = GC.GetTotalMemory(forceFullCollection: true) + ((IOffHeapStore)store).OffHeapBytes;

        var perEntry = (after - before) / (double)Entries;
        output.WriteLine($"{perEntry:F2} bytes per entry measured, logged store after a commit");
        Assert.InRange(perEntry, 24, Budget);
        GC.KeepAlive(store);
    }

    /// <summary>The worst moment is just after the table grows (7/12 full): 24 / (7/12) = 41.1 bytes.</summary>
    [Fact]
    public void NoTableSizeOnTheWayToAMillionKeysCostsMoreThan42BytesPerKey()
    {
        var store = new InMemoryDeduplicationStore("seen", TimeSpan.FromHours(24));
        var worst = 0.0;
        Span<byte> key = stackalloc byte[4];
        for (var i = 0; i < Entries; i++)
        {
            BitConverter.TryWriteBytes(key, i);
            store.TryAdd(key, 0);
            if (i >= 1_000)
            {
                worst = Math.Max(worst, store.Capacity * 24.0 / store.ApproximateNumEntries);
            }
        }

        output.WriteLine($"worst {worst:F2} bytes per entry from 1,000 keys on");
        Assert.InRange(worst, 24, 41.2);
    }

    private static void Fill(IDeduplicationStore store)
    {
        Span<byte> key = stackalloc byte[4];
        for (var i = 0; i < Entries; i++)
        {
            BitConverter.TryWriteBytes(key, i);
            if (!store.TryAdd(key, i))
            {
                throw new InvalidOperationException($"key {i} taken for a repeat");
            }
        }
    }

    private sealed class DiscardingCollector : IRecordCollector
    {
        public void Send(string topic, byte[]? key, byte[]? value, Headers? headers, long timestamp, int? partition = null)
        {
        }
    }
}
