using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Streams.State.Internals;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class SlabArenaTests
{
    private const int Header = 8;
    private const int Slab = SlabArena.SlabSize;
    private const int First = SlabArena.FirstSlabSize;

    /// <summary>Payload lengths either side of a size class's end (the block holds an 8-byte header first).</summary>
    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 16)]
    [InlineData(8, 16)]
    [InlineData(9, 32)]
    [InlineData(24, 32)]
    [InlineData(25, 48)]
    [InlineData(56, 64)]
    [InlineData(57, 80)]
    [InlineData(72, 80)]
    [InlineData(73, 96)]
    [InlineData(120, 128)]
    [InlineData(121, 160)]
    [InlineData(152, 160)]
    [InlineData(153, 192)]
    [InlineData(248, 256)]
    [InlineData(249, 320)]
    [InlineData(3000, 3072)]
    public void ABlockReadsBackWhatWasAllocatedAndTakesItsSizeClass(int length, int blockSize)
    {
        var arena = new SlabArena();
        var value = Filled(length, stamp: 1);

        var handle = arena.Allocate(value);

        Assert.NotEqual(SlabArena.None, handle);
        Assert.Equal(value, arena.Read(handle).ToArray());
        Assert.Equal(blockSize, arena.InUse);
        Assert.Equal(First, arena.Capacity);
        Assert.Equal(blockSize, ClassSize(Header + length)); // the test's own table agrees
    }

    [Fact]
    public void BlocksOfEveryClassSideBySideKeepTheirOwnBytes()
    {
        var arena = new SlabArena();
        int[] lengths = [0, 8, 9, 56, 57, 72, 73, 120, 121, 0, 255, 1, 1000, 3, 4096, 17];
        var handles = lengths.Select((length, stamp) => arena.Allocate(Filled(length, stamp))).ToList();

        Assert.Equal(lengths.Length, handles.Distinct().Count());
        for (var i = 0; i < lengths.Length; i++)
        {
            Assert.Equal(Filled(lengths[i], i), arena.Read(handles[i]).ToArray());
        }

        Assert.Equal(lengths.Sum(length => (long)ClassSize(Header + length)), arena.InUse);
        Assert.Equal(First, arena.Capacity);
    }

    /// <summary>The first slab is small, unless the first block needs more: then it is a slab of the full size.</summary>
    [Theory]
    [InlineData(First - Header, First)]
    [InlineData(First - Header + 1, Slab)]
    public void TheFirstSlabIsSmallUnlessItsFirstBlockIsNot(int length, int firstSlab)
    {
        var arena = new SlabArena();
        var first = arena.Allocate(Filled(length, stamp: 1));
        var second = arena.Allocate(Filled(10, stamp: 2));

        Assert.Equal(Filled(length, 1), arena.Read(first).ToArray());
        Assert.Equal(Filled(10, 2), arena.Read(second).ToArray());
        Assert.Equal(firstSlab + (firstSlab == First ? Slab : 0), arena.Capacity);
    }

    [Fact]
    public void ABlockOfASlabsSizeTakesAWholeSlab()
    {
        var arena = new SlabArena();
        var small = arena.Allocate(Filled(100, stamp: 1));
        var whole = arena.Allocate(Filled(Slab - Header, stamp: 2));
        var after = arena.Allocate(Filled(100, stamp: 3));

        Assert.Equal(Filled(100, 1), arena.Read(small).ToArray());
        Assert.Equal(Filled(Slab - Header, 2), arena.Read(whole).ToArray());
        Assert.Equal(Filled(100, 3), arena.Read(after).ToArray());
        Assert.Equal(Slab + 112 + 112, arena.InUse);
        Assert.Equal(First + (2 * Slab), arena.Capacity); // the rest of the first slab and of the second are not used
    }

    /// <summary>A block too big for a slab gets a slab of its own, of its class's size.</summary>
    [Theory]
    [InlineData(Slab - Header + 1, Slab + (Slab / 4))]
    [InlineData(Slab + (Slab / 2), Slab + (3 * Slab / 4))]
    [InlineData(3 * Slab, 3 * Slab + (Slab / 2))]
    public void ABlockLargerThanASlabHasASlabOfItsOwn(int length, int blockSize)
    {
        var arena = new SlabArena();
        var small = arena.Allocate(Filled(100, stamp: 1));
        var large = arena.Allocate(Filled(length, stamp: 2));
        var after = arena.Allocate(Filled(100, stamp: 3));

        Assert.Equal(Filled(100, 1), arena.Read(small).ToArray());
        Assert.Equal(Filled(length, 2), arena.Read(large).ToArray());
        Assert.Equal(Filled(100, 3), arena.Read(after).ToArray());
        Assert.Equal(3, new[] { small, large, after }.Distinct().Count());
        Assert.Equal(blockSize + 112 + 112, arena.InUse);
        Assert.Equal(First + blockSize, arena.Capacity);

        // Freed, it is the next block of its class, in the same slab: the arena does not grow.
        arena.Free(large);
        Assert.Equal(224, arena.InUse);
        var again = arena.Allocate(Filled(length + 1, stamp: 4));
        Assert.Equal(large, again);
        Assert.Equal(Filled(length + 1, 4), arena.Read(again).ToArray());
        Assert.Equal(Filled(100, 1), arena.Read(small).ToArray());
        Assert.Equal(Filled(100, 3), arena.Read(after).ToArray());
        Assert.Equal(First + blockSize, arena.Capacity);
    }

    [Fact]
    public void ABlockLargerThanASlabIsNotTakenFromTheSlabBeingFilled()
    {
        var arena = new SlabArena();
        var large = arena.Allocate(Filled(2 * Slab, stamp: 1));
        var smalls = Enumerable.Range(0, 100).Select(stamp => arena.Allocate(Filled(500, stamp + 2))).ToList();

        Assert.Equal(Filled(2 * Slab, 1), arena.Read(large).ToArray());
        for (var i = 0; i < smalls.Count; i++)
        {
            Assert.Equal(Filled(500, i + 2), arena.Read(smalls[i]).ToArray());
        }
    }

    /// <summary>In place up to the end of the block's class, with the handle kept; the length read back is the new one.</summary>
    [Theory]
    [InlineData(0, 8)]
    [InlineData(9, 24)]
    [InlineData(57, 72)]
    [InlineData(121, 152)]
    [InlineData(Slab, Slab + (Slab / 4) - Header)]
    public void ReplaceKeepsTheHandleWhileTheValueFitsTheBlock(int length, int largestThatFits)
    {
        var arena = new SlabArena();
        var handle = arena.Allocate(Filled(length, stamp: 1));
        var neighbour = arena.Allocate(Filled(40, stamp: 2));
        var (inUse, capacity) = (arena.InUse, arena.Capacity);

        Assert.Equal(handle, arena.Replace(handle, Filled(largestThatFits, stamp: 3)));
        Assert.Equal(Filled(largestThatFits, 3), arena.Read(handle).ToArray());
        Assert.Equal(handle, arena.Replace(handle, Filled(0, stamp: 4)));
        Assert.Empty(arena.Read(handle).ToArray());
        Assert.Equal(handle, arena.Replace(handle, Filled(length, stamp: 5)));
        Assert.Equal(Filled(length, 5), arena.Read(handle).ToArray());

        Assert.Equal(Filled(40, 2), arena.Read(neighbour).ToArray());
        Assert.Equal((inUse, capacity), (arena.InUse, arena.Capacity));
    }

    [Theory]
    [InlineData(0, 9)]
    [InlineData(9, 25)]
    [InlineData(57, 73)]
    [InlineData(121, 153)]
    [InlineData(100, 2 * Slab)]
    public void ReplaceMovesAValueThatDoesNotFitAndTheOldBlockIsTheNextOfItsClass(int length, int tooLong)
    {
        var arena = new SlabArena();
        var handle = arena.Allocate(Filled(length, stamp: 1));
        var neighbour = arena.Allocate(Filled(length, stamp: 2));

        var moved = arena.Replace(handle, Filled(tooLong, stamp: 3));

        Assert.NotEqual(handle, moved);
        Assert.NotEqual(neighbour, moved);
        Assert.Equal(Filled(tooLong, 3), arena.Read(moved).ToArray());
        Assert.Equal(Filled(length, 2), arena.Read(neighbour).ToArray());
        Assert.Equal(ClassSize(Header + length) + ClassSize(Header + tooLong), arena.InUse);

        // The next block of the old class is the old block; the moved value is untouched by its reuse.
        var reused = arena.Allocate(Filled(length, stamp: 4));
        Assert.Equal(handle, reused);
        Assert.Equal(Filled(length, 4), arena.Read(reused).ToArray());
        Assert.Equal(Filled(tooLong, 3), arena.Read(moved).ToArray());
        Assert.Equal(Filled(length, 2), arena.Read(neighbour).ToArray());
    }

    [Fact]
    public void AFreedBlockIsTheNextOfItsClassAndOnlyOfItsClass()
    {
        var arena = new SlabArena();
        var a = arena.Allocate(Filled(20, stamp: 1));   // 32
        var b = arena.Allocate(Filled(24, stamp: 2));   // 32
        var c = arena.Allocate(Filled(100, stamp: 3));  // 112

        arena.Free(a);
        Assert.Equal(32 + 112, arena.InUse);
        var other = arena.Allocate(Filled(8, stamp: 4)); // 16: not a's class
        Assert.NotEqual(a, other);
        Assert.Equal(a, arena.Allocate(Filled(9, stamp: 5)));

        // Last freed, first reused.
        arena.Free(b);
        arena.Free(a);
        Assert.Equal(a, arena.Allocate(Filled(10, stamp: 6)));
        Assert.Equal(b, arena.Allocate(Filled(11, stamp: 7)));

        Assert.Equal(Filled(10, 6), arena.Read(a).ToArray());
        Assert.Equal(Filled(11, 7), arena.Read(b).ToArray());
        Assert.Equal(Filled(100, 3), arena.Read(c).ToArray());
        Assert.Equal(Filled(8, 4), arena.Read(other).ToArray());
        Assert.Equal(32 + 32 + 112 + 16, arena.InUse);
    }

    [Fact]
    public void ChurnReusesTheFreedBlocksAndTheArenaDoesNotGrow()
    {
        var arena = new SlabArena();
        var lengths = Enumerable.Range(0, 10_000).Select(i => i * 7919 % 1_500).ToArray();
        var expectedInUse = lengths.Sum(length => (long)ClassSize(Header + length));

        var handles = lengths.Select((length, i) => arena.Allocate(Filled(length, i))).ToArray();
        var capacity = arena.Capacity;
        Assert.True(capacity > 2 * Slab, $"{capacity} bytes: the churn should span several slabs");
        Assert.Equal(expectedInUse, arena.InUse);

        for (var round = 1; round <= 3; round++)
        {
            // Freed in another order than allocated, and allocated again (other contents, same lengths).
            for (var i = handles.Length - 1; i >= 0; i -= 2)
            {
                arena.Free(handles[i]);
            }

            for (var i = handles.Length % 2 == 0 ? 0 : 1; i < handles.Length; i += 2)
            {
                arena.Free(handles[i]);
            }

            Assert.Equal(0, arena.InUse);
            var again = lengths.Select((length, i) => arena.Allocate(Filled(length, (round * 10_000) + i))).ToArray();

            Assert.Equal(capacity, arena.Capacity);
            Assert.Equal(expectedInUse, arena.InUse);
            Assert.Equal(handles.Order(), again.Order());
            for (var i = 0; i < lengths.Length; i++)
            {
                Assert.True(Filled(lengths[i], (round * 10_000) + i).AsSpan().SequenceEqual(arena.Read(again[i])), $"block {i} of round {round}");
            }

            handles = again;
        }
    }

    [Fact]
    public void InUseCountsWholeBlocksAndReturnsToZeroWhenAllAreFreed()
    {
        var arena = new SlabArena();
        Assert.Equal((0L, 0L), (arena.InUse, arena.Capacity));

        var a = arena.Allocate(Filled(8, stamp: 1));          // 16
        var b = arena.Allocate(Filled(57, stamp: 2));         // 80
        var c = arena.Allocate(Filled(2 * Slab, stamp: 3));    // own slab: 2.5 slabs
        Assert.Equal(16 + 80 + (5 * Slab / 2), arena.InUse);

        a = arena.Replace(a, Filled(200, stamp: 4));          // moved: 16 freed, 224 taken
        b = arena.Replace(b, Filled(60, stamp: 5));           // in place: 80
        Assert.Equal(224 + 80 + (5 * Slab / 2), arena.InUse);

        arena.Free(c);
        arena.Free(a);
        arena.Free(b);
        Assert.Equal(0, arena.InUse);
        Assert.Equal(First + (5 * Slab / 2), arena.Capacity);
    }

    [Fact]
    public void ClearLetsEverySlabGoAndTheArenaStartsAfresh()
    {
        var arena = new SlabArena();
        for (var i = 0; i < 5_000; i++)
        {
            arena.Free(arena.Allocate(Filled(300, i)));
            arena.Allocate(Filled(400, i));
        }

        arena.Allocate(Filled(3 * Slab, stamp: 1));
        Assert.True(arena.Capacity > Slab);

        arena.Clear();
        Assert.Equal((0L, 0L), (arena.InUse, arena.Capacity));

        // No free block from before is handed out again: blocks of those classes come from a new slab.
        var handles = new[] { 300, 400, 3 * Slab, 0 }.Select((length, stamp) => arena.Allocate(Filled(length, stamp + 10))).ToArray();
        Assert.Equal(4, handles.Distinct().Count());
        Assert.Equal(Filled(300, 10), arena.Read(handles[0]).ToArray());
        Assert.Equal(Filled(400, 11), arena.Read(handles[1]).ToArray());
        Assert.Equal(Filled(3 * Slab, 12), arena.Read(handles[2]).ToArray());
        Assert.Empty(arena.Read(handles[3]).ToArray());
        Assert.Equal(320 + 448 + (7 * Slab / 2) + 16, arena.InUse);
        Assert.Equal(First + (7 * Slab / 2), arena.Capacity);
    }

    private enum Step
    {
        Allocate,
        Replace,
        Free,
    }

    /// <summary>
    /// Against a model of what each live handle holds: after every step each live block reads back exactly its own
    /// bytes (every value is distinct, so blocks that overlap or a free list threaded through a live block show), no
    /// handle is handed out twice, a replacement stays in place exactly when it fits its block, and InUse is the sum
    /// of the live blocks' sizes.
    /// </summary>
    [Fact]
    public void AnyMixOfAllocationsReplacementsAndFreesKeepsEveryLiveBlockIntact() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Steps())), steps =>
            {
                var arena = new SlabArena();
                var model = new Dictionary<int, (byte[] Contents, int Block)>();
                var live = new List<int>(); // the model's handles, in a stable order to pick from
                var stamp = 0;
                foreach (var (step, length, pick) in steps)
                {
                    var value = Filled(length, stamp++);
                    if (step == Step.Allocate || live.Count == 0)
                    {
                        var handle = arena.Allocate(value);
                        Assert.False(model.ContainsKey(handle), $"handle {handle} handed out while live");
                        model.Add(handle, (value, ClassSize(Header + length)));
                        live.Add(handle);
                    }
                    else if (step == Step.Replace)
                    {
                        var handle = live[pick % live.Count];
                        var block = model[handle].Block;
                        var replaced = arena.Replace(handle, value);
                        if (Header + length <= block)
                        {
                            Assert.Equal(handle, replaced);
                        }
                        else
                        {
                            Assert.NotEqual(handle, replaced);
                            Assert.False(model.ContainsKey(replaced), $"handle {replaced} handed out while live");
                            block = ClassSize(Header + length);
                        }

                        model.Remove(handle);
                        model.Add(replaced, (value, block));
                        live[pick % live.Count] = replaced;
                    }
                    else
                    {
                        var handle = live[pick % live.Count];
                        arena.Free(handle);
                        model.Remove(handle);
                        live.RemoveAt(pick % live.Count);
                    }

                    foreach (var (handle, (contents, _)) in model)
                    {
                        Assert.True(contents.AsSpan().SequenceEqual(arena.Read(handle)), $"handle {handle} after {step}");
                    }

                    Assert.Equal(model.Values.Sum(entry => (long)entry.Block), arena.InUse);
                    Assert.True(arena.Capacity >= arena.InUse);
                }
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    private static Gen<(Step Step, int Length, int Pick)> Steps() =>
        from step in Gen.Frequency((4, Gen.Constant(Step.Allocate)), (3, Gen.Constant(Step.Replace)), (3, Gen.Constant(Step.Free)))
        from length in Gen.Frequency((60, Gen.Choose(0, 3_000)), (1, Gen.Choose(3_001, (3 * Slab) / 2)))
        from pick in Gen.Choose(0, 1_000)
        select (step, length, pick);

    /// <summary>Bytes no other stamp gives (a seeded random fill), so a block that holds another's bytes shows.</summary>
    private static byte[] Filled(int length, int stamp)
    {
        var bytes = new byte[length];
        new Random(stamp).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The arena's size classes, listed: 16, 32, 48, 64, then four to each doubling (80, 96, 112, 128, 160, ...).</summary>
    private static int ClassSize(int size)
    {
        foreach (var block in new[] { 16, 32, 48, 64 })
        {
            if (size <= block)
            {
                return block;
            }
        }

        for (var basis = 64; ; basis *= 2)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                if (size <= basis + (quarter * basis / 4))
                {
                    return basis + (quarter * basis / 4);
                }
            }
        }
    }
}
