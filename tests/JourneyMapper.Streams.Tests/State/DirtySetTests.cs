using JourneyMapper.Streams.State.Internals;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class DirtySetTests
{
    [Theory]
    [InlineData(50_000)]
    [InlineData(200_000)] // commits larger than the least room kept: each keeps room for the next like it
    public void ASteadyCommitsRoomIsKeptSoRefillingItAllocatesNothing(int keys)
    {
        var dirty = new HashSet<long>();
        var changes = new List<long>();
        Fill(dirty, changes, keys);
        dirty.ClearKeepingRoom();
        changes.ClearKeepingRoom();

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Fill(dirty, changes, keys);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal((keys, keys), (dirty.Count, changes.Count));
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ABurstsRoomIsGivenBackDownToTheMostKept()
    {
        var dirty = new HashSet<long>();
        var changes = new List<long>();
        Fill(dirty, changes, 1_000_000);
        dirty.ClearKeepingRoom();
        changes.ClearKeepingRoom();

        Assert.Empty(dirty);
        Assert.Empty(changes);
        Assert.InRange(dirty.EnsureCapacity(0), 262_144, 300_000); // the next prime size up
        Assert.Equal(262_144, changes.Capacity);

        Fill(dirty, changes, 50_000);
        dirty.ClearKeepingRoom();
        changes.ClearKeepingRoom();

        Assert.InRange(dirty.EnsureCapacity(0), 65_536, 80_000); // down to the least room kept
        Assert.Equal(65_536, changes.Capacity);
    }

    [Fact]
    public void RoomUpToTwiceTheLastFlushIsKept()
    {
        var changes = new List<long>();
        Fill([], changes, 200_000);
        changes.ClearKeepingRoom();
        Assert.Equal(262_144, changes.Capacity);

        Fill([], changes, 131_072);
        changes.ClearKeepingRoom();
        Assert.Equal(262_144, changes.Capacity);

        Fill([], changes, 131_071);
        changes.ClearKeepingRoom();
        Assert.Equal(131_071, changes.Capacity);
    }

    private static void Fill(HashSet<long> dirty, List<long> changes, int count)
    {
        for (var key = 0L; key < count; key++)
        {
            dirty.Add(key);
            changes.Add(key);
        }
    }
}
