using System.Text;
using JourneyMapper.Serialization.Json;
using Xunit;

namespace JourneyMapper.Worker.Tests.Integration;

/// <summary>Open sessions and remembered event ids survive a restart: the journey carries on as if uninterrupted.</summary>
public sealed class JourneyRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task ARestartedServiceRestoresOpenSessionsAndDedupStateFromTheirChangelogs()
    {
        await using var service = await ServiceFixture.StartAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeMilliseconds();
        await SendAsync(service, Click("e1", start), Click("e2", start + (5 * 60_000)));
        await WaitForCommittedAsync(service, 2);

        await service.RestartAsync();

        // The repeat of e2 must be recognised from the restored dedup store, and e3 must join the restored session;
        // e4, fifty minutes later, closes it.
        await SendAsync(service, Click("e2", start + (5 * 60_000)), Click("e3", start + (10 * 60_000)), Click("e4", start + (60 * 60_000)));

        var segment = JsonSerdes.JourneySegment.Deserialize(Assert.Single(service.Consume(service.Topics.Segments, 1, Patience)).Message.Value, isNull: false, default);
        Assert.Equal(["e1", "e2", "e3"], segment.EventIds);
        Assert.Equal((start, start + (10 * 60_000)), (segment.Start, segment.End));
    }

    private static string Click(string id, long timestamp) =>
        $$"""{"eventId":"{{id}}","timestamp":{{timestamp}},"eventType":"product_view","userId":"u1","productId":"p1"}""";

    private static async Task SendAsync(ServiceFixture service, params string[] values)
    {
        using var producer = service.CreateProducer();
        foreach (var value in values)
        {
            await producer.ProduceAsync(service.Topics.Input[0], new() { Key = Encoding.UTF8.GetBytes("u1"), Value = Encoding.UTF8.GetBytes(value) });
        }
    }

    private static async Task WaitForCommittedAsync(ServiceFixture service, long offsets)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (service.CommittedInputOffsets() < offsets)
        {
            Assert.True(DateTime.UtcNow < deadline, "the service did not commit its input in time");
            await Task.Delay(100);
        }
    }
}
