using System.Globalization;
using JourneyMapper.LoadHarness.Measurement;
using static System.FormattableString;

namespace JourneyMapper.LoadHarness.Report;

public enum TargetStatus
{
    Met,
    Missed,
    NotMeasured,
}

/// <summary>One target of the load run, what this run reached of it, and the verdict.</summary>
public sealed record TargetVerdict
{
    public required string Target { get; init; }

    public required string Reached { get; init; }

    public required TargetStatus Status { get; init; }

    /// <summary>When missed: how many times the reached figure must grow (a rate) or shrink (a latency) to meet the target.</summary>
    public double? MissedBy { get; init; }

    /// <summary><c>met</c>, <c>missed by N.N×</c> (<c>1.0N×</c> for a near miss), or <c>not measured in this run: </c> and the reason.</summary>
    public required string Verdict { get; init; }
}

/// <summary>
/// The load targets for this 2-core machine (cluster, generator and service sharing it), and how one run measures up to
/// them. A rate counts only where the service kept up: its lag bounded at the window's end and never past the input's
/// retention; the latencies count only at the load they are set for.
/// </summary>
public static class TargetVerdicts
{
    public const double SustainedEventsPerSecond = 100_000;
    public const double SustainedWindowSeconds = 60;
    public const double FractionOfPassThrough = 0.70;

    /// <summary>The offered load the latency targets are set at.</summary>
    public const double LatencyEventsPerSecond = 50_000;

    public const double CloseToSegmentP99Ms = 250;
    public const double ArrivalToProvisionalUpdateP99Ms = 100;

    private const string NotMeasured = "not measured in this run: ";

    /// <param name="serviceRate">The rate the service phase was offered; 0: flat out.</param>
    public static IReadOnlyList<TargetVerdict> Of(PhaseResult service, PhaseResult? passThrough, double serviceRate)
    {
        ArgumentNullException.ThrowIfNull(service);
        return
        [
            Sustained(service, serviceRate),
            Fraction(service, passThrough),
            Latency(
                Invariant($"p99 close → segment < {CloseToSegmentP99Ms:N0} ms at {LatencyEventsPerSecond:N0} events/s"),
                service.CloseToSegment, CloseToSegmentP99Ms, "segments", service, serviceRate),
            Latency(
                Invariant($"p99 arrival → provisional update < {ArrivalToProvisionalUpdateP99Ms:N0} ms at {LatencyEventsPerSecond:N0} events/s"),
                service.ArrivalToProvisionalUpdate, ArrivalToProvisionalUpdateP99Ms, "provisional updates", service, serviceRate),
        ];
    }

    private static TargetVerdict Sustained(PhaseResult service, double serviceRate)
    {
        var target = Invariant($"≥ {SustainedEventsPerSecond:N0} events/s sustained for {SustainedWindowSeconds:F0} s with bounded lag");
        var rate = service.ProcessedPerSecond;
        var reached = Invariant($"{rate:N0} events/s over {service.WindowSeconds:F0} s; {Offered(service, serviceRate)}, {Lag(service)}");
        if (NotKeptUp(service) is { } reason)
        {
            return Unmeasured(target, reached, Invariant($"{reason}, so {rate:N0} events/s is not a rate it sustains"));
        }

        var shortWindow = service.WindowSeconds < SustainedWindowSeconds
            ? Invariant($"the window was {service.WindowSeconds:F0} s, shorter than the target's {SustainedWindowSeconds:F0} s")
            : null;
        if (rate >= SustainedEventsPerSecond)
        {
            return shortWindow is null ? Met(target, reached) : Unmeasured(target, reached, shortWindow);
        }

        return rate > 0
            ? Missed(target, reached, SustainedEventsPerSecond / rate, shortWindow)
            : Unmeasured(target, reached, "the service took no events in the window");
    }

    private static TargetVerdict Fraction(PhaseResult service, PhaseResult? passThrough)
    {
        var target = Invariant($"≥ {FractionOfPassThrough:P0} of the pass-through's rate in the same run");
        if (passThrough is null)
        {
            return Unmeasured(target, "–", "there was no pass-through phase (--no-pass-through)");
        }

        var fraction = passThrough.ProcessedPerSecond > 0 ? service.ProcessedPerSecond / passThrough.ProcessedPerSecond : 0;
        var reached = Invariant($"{fraction:P0}: {service.ProcessedPerSecond:N0} of the pass-through's {passThrough.ProcessedPerSecond:N0} events/s");
        if (passThrough.LostToRetention)
        {
            return Unmeasured(target, reached, "the pass-through's lag outgrew the input's retention, so its rate understates the baseline");
        }

        if (passThrough.ProcessedPerSecond <= 0 || service.ProcessedPerSecond <= 0)
        {
            return Unmeasured(target, reached, "a phase took no events in the window");
        }

        if (NotKeptUp(service) is { } reason)
        {
            return Unmeasured(target, reached, reason + ", so its rate is not one it sustains");
        }

        return fraction >= FractionOfPassThrough ? Met(target, reached) : Missed(target, reached, FractionOfPassThrough / fraction, note: null);
    }

    private static TargetVerdict Latency(string target, LatencySummary? latency, double targetMs, string records, PhaseResult service, double serviceRate)
    {
        var offered = serviceRate > 0 ? serviceRate : service.ProducedPerSecond;
        var load = Invariant($"{Offered(service, serviceRate)}, {Lag(service)}");
        var p99 = latency is { Count: > 0 } ? latency.P99Ms : null;
        var reached = p99 is { } shown
            ? Invariant($"p99 {Ms(shown)} ms, max ≤ {Ms(latency!.MaxAtMostMs)} ms ({latency.Count:N0} {records}); {load}")
            : Invariant($"no {records} in the window; {load}");
        if (offered < LatencyEventsPerSecond)
        {
            return Unmeasured(target, reached, Invariant(
                $"the service phase was offered {offered:N0} events/s, less than the {LatencyEventsPerSecond:N0} the target is set at"));
        }

        if (NotKeptUp(service) is { } reason)
        {
            return Unmeasured(target, reached, reason);
        }

        if (p99 is not { } measured)
        {
            return Unmeasured(target, reached, $"the service sent no {records} in the window");
        }

        return measured < targetMs ? Met(target, reached) : Missed(target, reached, measured / targetMs, note: null);
    }

    /// <summary>Why the service did not keep up with what it was offered, or null when it did.</summary>
    private static string? NotKeptUp(PhaseResult service) =>
        service.LostToRetention ? "the service's lag outgrew the input's retention (records lost unread)"
        : !service.LagBounded ? "the service's lag was not bounded"
        : null;

    private static string Offered(PhaseResult service, double serviceRate) => serviceRate > 0
        ? Invariant($"{serviceRate:N0} events/s offered")
        : Invariant($"flat out ({service.ProducedPerSecond:N0} events/s produced)");

    private static string Lag(PhaseResult service) =>
        service.LostToRetention ? "lag past the retention" : service.LagBounded ? "lag bounded" : "lag not bounded";

    // As the report's latency rows show them.
    private static string Ms(double? ms) => ms is { } value ? value.ToString(value < 10 ? "F2" : "F0", CultureInfo.InvariantCulture) : "–";

    private static TargetVerdict Met(string target, string reached) =>
        new() { Target = target, Reached = reached, Status = TargetStatus.Met, Verdict = "met" };

    private static TargetVerdict Missed(string target, string reached, double factor, string? note) => new()
    {
        Target = target,
        Reached = reached,
        Status = TargetStatus.Missed,
        MissedBy = factor,
        Verdict = "missed by " + Factor(factor) + (note is null ? string.Empty : "; " + note),
    };

    // A near miss would read "missed by 1.0×": it gets a second decimal.
    private static string Factor(double factor) => factor.ToString(factor < 1.05 ? "F2" : "F1", CultureInfo.InvariantCulture) + "×";

    private static TargetVerdict Unmeasured(string target, string reached, string reason) =>
        new() { Target = target, Reached = reached, Status = TargetStatus.NotMeasured, Verdict = NotMeasured + reason };
}
