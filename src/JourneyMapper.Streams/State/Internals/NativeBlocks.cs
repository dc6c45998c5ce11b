using System.Runtime.InteropServices;

namespace JourneyMapper.Streams.State.Internals;

/// <summary>
/// Native memory for stores that hold large tables or slabs outside the managed heap. A block of a huge page or more is
/// aligned to one and the kernel is asked to back it with huge pages (Linux, <c>MADV_HUGEPAGE</c>): a store fills fresh
/// memory fastest while it restores or grows, and on a VM the first touch of each 4 KiB page costs more than what is
/// written into it (BENCHMARKS.md); one fault per 2 MiB does not, and random reads into the block miss the TLB less.
/// </summary>
internal static unsafe class NativeBlocks
{
    /// <summary>Bytes of a huge page on x86-64 and arm64 Linux.</summary>
    public const int HugePageSize = 1 << 21;

    private const int PageSize = 4096;
    private const int MadviseHugePage = 14;

    private static bool s_noMadvise;

    /// <summary>A block of <paramref name="length"/> bytes, not cleared; give it back with <see cref="Free"/>.</summary>
    public static nint Allocate(long length)
    {
        var hugePages = length >= HugePageSize;
        var address = (nint)NativeMemory.AlignedAlloc((nuint)length, (nuint)(hugePages ? HugePageSize : PageSize));
        if (hugePages)
        {
            AskForHugePages(address, length);
        }

        return address;
    }

    /// <summary>As <see cref="Allocate"/>, with every byte zero.</summary>
    public static nint AllocateCleared(long length)
    {
        var address = Allocate(length);
        NativeMemory.Clear((void*)address, (nuint)length);
        return address;
    }

    public static void Free(nint address) => NativeMemory.AlignedFree((void*)address);

    // Only a hint: where huge pages are off, or the C library is not glibc, the block keeps ordinary pages.
    private static void AskForHugePages(nint address, long length)
    {
        if (!OperatingSystem.IsLinux() || s_noMadvise)
        {
            return;
        }

        try
        {
            _ = Madvise(address, (nuint)length, MadviseHugePage);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_noMadvise = true;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
