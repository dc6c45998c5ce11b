using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State.Internals;
using Xunit;

namespace JourneyMapper.Streams.Tests.Runtime;

public sealed class RestoreApplierTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void EveryStoreGetsItsRecordsInTheOrderTheyWerePostedAndEveryBatchIsGivenBack(int lanes)
    {
        var first = new RecordingStore();
        var second = new RecordingStore();
        var batches = new List<ListBatch>();
        using (var applier = new RestoreApplier("test", lanes))
        {
            for (var from = 0; from < 5_000; from += 100)
            {
                var batch = new ListBatch(Enumerable.Range(from, 100).Select(i => (i, i % 7 == 0 ? null : new byte[] { 1 })).ToList());
                batches.Add(batch);

                // Every fifth record belongs to no store being restored (a partition already done): it is skipped.
                applier.Post(batch, [.. Enumerable.Range(from, 100).Select(i => i % 5 == 0 ? null : i % 3 == 0 ? second : first)]);
            }

            applier.Complete();
        }

        int[] all = [.. Enumerable.Range(0, 5_000)];
        Assert.Equal(all.Where(i => i % 5 != 0 && i % 3 != 0), first.Keys);
        Assert.Equal(all.Where(i => i % 5 != 0 && i % 3 == 0), second.Keys);
        Assert.Equal(all.Where(i => i % 5 != 0 && i % 3 == 0 && i % 7 == 0), second.Tombstones);
        Assert.All(batches, batch => Assert.Equal(1, batch.Disposals));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void WhatAStoreThrowsReachesTheRestorerAndNothingAfterItIsAppliedYetEveryBatchIsGivenBack(int lanes)
    {
        var failing = new RecordingStore { FailAt = 600 };
        var other = new RecordingStore();
        var batches = new List<ListBatch>();
        var applier = new RestoreApplier("test", lanes);

        var failure = Assert.Throws<FormatException>(() =>
        {
            for (var from = 0; from < 100_000; from += 100)
            {
                var batch = new ListBatch([.. Enumerable.Range(from, 100).Select(i => (i, (byte[]?)[1]))]);
                batches.Add(batch);
                applier.Post(batch, [.. Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? failing : other)]);
            }

            applier.Complete();
        });
        applier.Dispose();

        Assert.Equal("record 600", failure.Message);
        Assert.Equal(Enumerable.Range(0, 600).Where(i => i % 2 == 0), failing.Keys);
        Assert.All(batches, batch => Assert.Equal(1, batch.Disposals));
    }

    /// <summary>Records held in arrays, counting how often the batch is given back.</summary>
    private sealed class ListBatch(IReadOnlyList<(int Key, byte[]? Value)> records) : IChangelogBatch
    {
        public int Count => records.Count;

        public int Disposals { get; private set; }

        public ChangelogRecord this[int index] =>
            new("changelog", 0, index, BitConverter.GetBytes(records[index].Key), records[index].Value, records[index].Value is null);

        public void Dispose() => Disposals++;
    }

    private sealed class RecordingStore : IRestorableStore
    {
        public List<int> Keys { get; } = [];

        public List<int> Tombstones { get; } = [];

        public int FailAt { get; init; } = -1;

        public string RestoreTopic => "changelog";

        public void Restore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isTombstone)
        {
            var record = BitConverter.ToInt32(key);
            if (record == FailAt)
            {
                throw new FormatException($"record {record}");
            }

            Keys.Add(record);
            if (isTombstone)
            {
                Tombstones.Add(record);
            }
        }
    }
}
