namespace JourneyMapper.LoadHarness.Measurement;

/// <summary>What one phase (the pass-through or the service) reached over the measured window.</summary>
public sealed record PhaseResult
{
    public required string Name { get; init; }

    public required double WindowSeconds { get; init; }

    /// <summary>Events the generator got into the input per second.</summary>
    public required double ProducedPerSecond { get; init; }

    /// <summary>Events taken from the input per second, by all instances together: the sustained rate.</summary>
    public required double ProcessedPerSecond { get; init; }

    public required IReadOnlyList<double> ProcessedPerSecondPerInstance { get; init; }

    public required long LagAtEnd { get; init; }

    /// <summary>
    /// Records were deleted unread at some point of the phase: the mock cluster keeps about 5 MB per partition. The
    /// service's consumers count the resets this causes; for the pass-through it is estimated from the lag. From then on
    /// the consumer's position keeps falling out of range and resetting to the oldest offset, which costs fetches: the
    /// measured rate understates what the system does when it keeps up. Offer less load.
    /// </summary>
    public required bool LostToRetention { get; init; }

    public required long MaxLag { get; init; }

    /// <summary>The lag at the end of the window is at most <see cref="PhaseRunner.BoundedLag"/> of the offered load.</summary>
    public required bool LagBounded { get; init; }

    /// <summary>CPU seconds the measured processes used per million events processed.</summary>
    public required double CpuSecondsPerMillionEvents { get; init; }

    /// <summary>Whose CPU and memory these are: the service's own processes, or the harness's whole process.</summary>
    public required string ProcessScope { get; init; }

    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Where the machine's cores went over the window: every process of the run, the harness's included, by thread group.</summary>
    public required CpuBreakdown Cpu { get; init; }

    public required IReadOnlyList<LagPoint> Timeline { get; init; }

    /// <summary>
    /// Where the cores went second by second, warm-up included: what <see cref="Cpu"/> averages away over the window, such
    /// as a burst of compilation or the few seconds in which a stall begins. Empty where <see cref="Cpu"/> is unavailable.
    /// </summary>
    public IReadOnlyList<CpuPoint> CpuTimeline { get; init; } = [];

    public LatencySummary? CloseToSegment { get; init; }

    public LatencySummary? ArrivalToProvisionalUpdate { get; init; }

    public double? OpenSessions { get; init; }

    /// <summary>The managed heap after the last collection: the stores' indexes and objects (the session index, the profiles).</summary>
    public double? HeapBytes { get; init; }

    /// <summary>What the stores hold in native memory: the sessions' slabs and the dedup tables.</summary>
    public double? StoreNativeBytes { get; init; }

    /// <summary>
    /// Heap and the stores' native memory over open sessions: an upper bound of a session's cost, since the dedup tables
    /// and the profiles count in it too.
    /// </summary>
    public double? BytesPerOpenSession => OpenSessions > 0 ? (HeapBytes + (StoreNativeBytes ?? 0)) / OpenSessions : null;

    public double? SessionsClosed { get; init; }
}

/// <summary>One second of the timeline.</summary>
public sealed record LagPoint(double Seconds, long Produced, long Processed, long Lag);

/// <summary>One second of <see cref="PhaseResult.CpuTimeline"/>: cores busy on the machine, and by process and thread group.</summary>
/// <param name="Cores">Keyed by <see cref="CpuShare.Label"/>, as the breakdown's table names them; groups that used nothing are left out.</param>
public sealed record CpuPoint(double Seconds, double? BusyCores, IReadOnlyDictionary<string, double> Cores)
{
    /// <summary>The breakdown of the second that ended at <paramref name="seconds"/>; null where there is none.</summary>
    public static CpuPoint? Of(double seconds, CpuBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        if (breakdown.Unavailable is not null)
        {
            return null;
        }

        var cores = breakdown.Groups
            .Where(share => share.Cores > 0)
            .ToDictionary(share => CpuShare.Label(share.Process, share.Group), share => Math.Round(share.Cores, 3));
        return new CpuPoint(seconds, breakdown.BusyCores is { } busy ? Math.Round(busy, 3) : null, cores);
    }
}
