using JourneyMapper.LoadHarness.Measurement;

namespace JourneyMapper.LoadHarness.Report;

/// <summary>Everything one run measured, with the settings and the machine, as the JSON report holds it.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset Started { get; init; }

    public required MachineInfo Machine { get; init; }

    public required BenchSettings Settings { get; init; }

    public PhaseResult? PassThrough { get; init; }

    public required PhaseResult Service { get; init; }

    /// <summary>The service's sustained rate as a fraction of the pass-through's, both measured in this run.</summary>
    public double? FractionOfPassThrough => PassThrough is { ProcessedPerSecond: > 0 } baseline
        ? Service.ProcessedPerSecond / baseline.ProcessedPerSecond
        : null;

    /// <summary>Each load target with what this run reached and the verdict.</summary>
    public IReadOnlyList<TargetVerdict> Targets => TargetVerdicts.Of(Service, PassThrough, Settings.ServicePhaseRate);

    public string ToJson() => ReportJson.Write(this);
}

/// <summary>The machine the run shared between the cluster, the generator and the service.</summary>
public sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, long TotalMemoryBytes)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}
