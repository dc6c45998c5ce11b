using Confluent.Kafka;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.Windows;

public sealed class SessionWindowSmokeTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    private const long Minute = 60_000;

    [Fact]
    public void FinalResultsAreEmittedOnceWhenStreamTimePassesEndPlusGapPlusGrace()
    {
        var captured = new List<(Windowed<string> Key, long Count)>();
        var builder = new StreamBuilder();
        builder.Stream("clicks", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(SessionWindows.OfInactivityGapAndGrace(Gap, Grace))
            .EmitStrategy(EmitStrategy.OnWindowClose())
            .Count(Materialized.As<string, long>("sessions"))
            .ToStream()
            .Peek((key, count) => captured.Add((key, count)));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("clicks", Serializers.Utf8, Serializers.Utf8);

        input.PipeInput("a", "x", 0);
        input.PipeInput("a", "x", 10 * Minute);
        input.PipeInput("a", "x", 40 * Minute);   // within the gap of 10: same session
        Assert.Empty(captured);
        input.PipeInput("b", "x", 40 * Minute + 32 * Minute);  // stream time = end + gap + grace: not yet closed
        Assert.Empty(captured);
        input.PipeInput("b", "x", 40 * Minute + 32 * Minute + 1);  // passes it
        Assert.Equal([(new Windowed<string>("a", new Window(0, 40 * Minute)), 3L)], captured);
    }
}
