using System.Text;
using JourneyMapper.Journeys;
using JourneyMapper.Journeys.Replay;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Tools.Generator;
using JourneyMapper.Worker.Cli;
using JourneyMapper.Worker.Replay;
using Xunit;

namespace JourneyMapper.Worker.Tests.Replay;

/// <summary>The <c>replay</c> command: in process, and over the embedded cluster with the same result.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("journey-replay-");

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>A synthetic clickstream with duplicates, arrival delays and a few malformed records, as JSON lines.</summary>
    private static string Clickstream(int count) => string.Join('\n', new ClickstreamGenerator(new ClickstreamGeneratorOptions
        {
            Seed = 7,
            Customers = 150,
            InvalidRate = 0.01,
            StartTime = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
        })
        .GenerateRaw(count)
        .Select(record => record.Value is null ? "" : Encoding.UTF8.GetString(record.Value)));

    private static JourneyOptions Options() => new() { Privacy = new() { UseDevelopmentSalt = true } };

    [Fact(Timeout = 180_000)]
    public async Task ReplayThroughKafkaGivesTheSameSegmentsAsTheInProcessReplay()
    {
        var input = Clickstream(4_000);
        using var inProcess = new StringWriter();
        using var throughKafka = new StringWriter();

        var local = JourneyReplay.Run(Options(), new StringReader(input), inProcess, null, TimeProvider.System);
        var kafka = await KafkaReplay.RunAsync(Options(), new StringReader(input), throughKafka, null, CancellationToken.None);

        Assert.True(local.Segments > 100, $"only {local.Segments} segments: the workload does not exercise sessions");
        Assert.True(local.DeadLetters > 0, "the workload has malformed records: they must be rejected");
        Assert.Equal(local, kafka);
        Assert.Equal(Lines(inProcess).Order(StringComparer.Ordinal), Lines(throughKafka).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheCommandWritesSegmentsAndLateEventsAsJsonLinesAndClosesAllSessionsAtTheEnd()
    {
        var input = Path.Combine(_directory.FullName, "events.jsonl");
        var output = Path.Combine(_directory.FullName, "segments.jsonl");
        var late = Path.Combine(_directory.FullName, "late.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"eventId":"a","timestamp":"2026-11-01T10:00:00Z","eventType":"product_view","userId":"u1","productId":"p1"}""",
            """{"eventId":"b","timestamp":"2026-11-01T10:20:00Z","eventType":"add_to_cart","userId":"u1","productId":"p1"}""",
            """{"eventId":"c","timestamp":"2026-11-01T09:00:00Z","eventType":"page_view","anonymousId":"v9"}""",
            """{"eventId":"b","timestamp":"2026-11-01T10:20:00Z","eventType":"add_to_cart","userId":"u1","productId":"p1"}""",
            "not json",
        ]);

        var exit = await JourneyMapperCommands.Root().Parse(["replay", "--input", input, "--output", output, "--late-output", late]).InvokeAsync();

        Assert.Equal(0, exit);
        var segments = (await File.ReadAllLinesAsync(output))
            .Select(line => JsonSerdes.JourneySegment.Deserialize(Encoding.UTF8.GetBytes(line), isNull: false, default))
            .ToList();
        var segment = Assert.Single(segments);
        Assert.Equal(("u1", "cart-abandonment"), (segment.UserId, segment.PrimarySegment));
        Assert.Equal(["a", "b"], segment.EventIds);

        // An hour and twenty minutes behind stream time: its session would have closed long before it arrived.
        var lateEvent = JsonSerdes.ClickEvent.Deserialize(Encoding.UTF8.GetBytes(Assert.Single(await File.ReadAllLinesAsync(late))), isNull: false, default);
        Assert.Equal("c", lateEvent.EventId);
    }

    [Fact]
    public async Task ABadSettingInTheConfigFileStopsTheReplayWithExitCode2()
    {
        var input = Path.Combine(_directory.FullName, "events.jsonl");
        var config = Path.Combine(_directory.FullName, "replay.json");
        await File.WriteAllTextAsync(input, "");
        await File.WriteAllTextAsync(config, """{ "JourneyMapper": { "Sessions": { "InactivityGap": "-00:01:00" } } }""");

        var exit = await JourneyMapperCommands.Root()
            .Parse(["replay", "--input", input, "--output", Path.Combine(_directory.FullName, "out.jsonl"), "--config", config])
            .InvokeAsync();

        Assert.Equal(2, exit);
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
