using JourneyMapper.Streams.State.Internals;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class DirtySetTests
{
    [Fact]
    public void ASteadyCommitsRoomIsKeptSoRefillingItAllocatesNothing()
    {
        var dirty = new HashSet<long>();
        Fill(dirty, 50_000);
        dirty.ClearKeepingRoom();
        var room = dirty.EnsureCapacity(0);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Fill(dirty, 50_000);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(50_000, dirty.Count);
        Assert.True(room >= 50_000, $"room for {room} keys kept");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ABurstsRoomIsGivenBackDownToASteadyCommitsWorth()
    {
        var dirty = new HashSet<long>();
        Fill(dirty, 1_000_000);
        dirty.ClearKeepingRoom();

        Assert.Empty(dirty);
        Assert.InRange(dirty.EnsureCapacity(0), 65_536, 80_000); // the next prime size up
    }

    [Fact]
    public void AListOfChangesKeepsASteadyCommitsRoomAndGivesBackABurstsRoom()
    {
        var changes = new List<long>();
        changes.AddRange(Enumerable.Range(0, 50_000).Select(i => (long)i));
        changes.ClearKeepingRoom();
        Assert.Empty(changes);
        Assert.Equal(65_536, changes.Capacity); // grown by doubling to 65,536, which is kept

        changes.AddRange(Enumerable.Range(0, 1_000_000).Select(i => (long)i));
        changes.ClearKeepingRoom();
        Assert.Empty(changes);
        Assert.Equal(65_536, changes.Capacity);
    }

    private static void Fill(HashSet<long> dirty, int count)
    {
        for (var key = 0L; key < count; key++)
        {
            dirty.Add(key);
        }
    }
}
