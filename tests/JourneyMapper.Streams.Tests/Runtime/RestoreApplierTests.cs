using JourneyMapper.Streams.Runtime;
using JourneyMapper.Streams.State.Internals;
using Xunit;

namespace JourneyMapper.Streams.Tests.Runtime;

public sealed class RestoreApplierTests
{
    [Fact]
    public void EveryStoreGetsItsRecordsInTheOrderTheyWerePosted()
    {
        var first = new RecordingStore();
        var second = new RecordingStore();
        using var applier = new RestoreApplier("test");

        for (var i = 0; i < 5_000; i++)
        {
            applier.Post(i % 3 == 0 ? second : first, BitConverter.GetBytes(i), i % 7 == 0 ? null : [1]);
            if (i % 1_000 == 0)
            {
                applier.Send();
            }
        }

        applier.Complete();

        int[] all = [.. Enumerable.Range(0, 5_000)];
        Assert.Equal(all.Where(i => i % 3 != 0), first.Keys);
        Assert.Equal(all.Where(i => i % 3 == 0), second.Keys);
        Assert.Equal(all.Where(i => i % 3 == 0 && i % 7 == 0), second.Tombstones);
    }

    [Fact]
    public void WhatAStoreThrowsReachesTheRestorerAndNothingAfterItIsApplied()
    {
        var failing = new RecordingStore { FailAt = 600 };
        using var applier = new RestoreApplier("test");

        var failure = Assert.Throws<FormatException>(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                applier.Post(failing, BitConverter.GetBytes(i), [1]);
            }

            applier.Complete();
        });

        Assert.Equal("record 600", failure.Message);
        Assert.Equal(Enumerable.Range(0, 600), failing.Keys);
    }

    private sealed class RecordingStore : IRestorableStore
    {
        public List<int> Keys { get; } = [];

        public List<int> Tombstones { get; } = [];

        public int FailAt { get; init; } = -1;

        public string RestoreTopic => "changelog";

        public void Restore(byte[] key, byte[]? value)
        {
            var record = BitConverter.ToInt32(key);
            if (record == FailAt)
            {
                throw new FormatException($"record {record}");
            }

            Keys.Add(record);
            if (value is null)
            {
                Tombstones.Add(record);
            }
        }
    }
}
