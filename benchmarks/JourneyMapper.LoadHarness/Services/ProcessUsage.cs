namespace JourneyMapper.LoadHarness.Services;

/// <summary>What a process has used so far: CPU time, and resident memory now and at its peak.</summary>
public readonly record struct ProcessUsage(TimeSpan Cpu, long WorkingSetBytes, long PeakWorkingSetBytes)
{
    public static ProcessUsage Of(System.Diagnostics.Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.Refresh();
        return new ProcessUsage(process.TotalProcessorTime, process.WorkingSet64, process.PeakWorkingSet64);
    }

    public static ProcessUsage Current()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return Of(self);
    }

    public static ProcessUsage operator +(ProcessUsage left, ProcessUsage right) => new(
        left.Cpu + right.Cpu, left.WorkingSetBytes + right.WorkingSetBytes, left.PeakWorkingSetBytes + right.PeakWorkingSetBytes);
}
