using System.Text;
using JourneyMapper.Journeys.Replay;
using JourneyMapper.Serialization.Json;
using JourneyMapper.Serialization.Records;
using Xunit;
using Xunit.Abstractions;

namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>
/// The real clickstream, re-sent in part and delayed by up to a minute, replayed through the whole topology: the
/// closed sessions are exactly the batch 30-minute sessions, every event in exactly one of them.
/// </summary>
public sealed class TrivagoReplayTests(ITestOutputHelper output)
{
    [Fact]
    public void ReplayedSessionsEqualTheBatchSessionsWithDuplicatesAndDelaysWithinGrace()
    {
        var events = TrivagoDataset.LoadClickEvents();
        var arrivals = ArrivalDisorder.Apply(events, seed: 20261122);
        var options = new JourneyOptions
        {
            Privacy = new() { Salt = "test-salt-of-sixteen-plus-chars" },
            // Caps off, so that every event id of every session can be compared.
            Sessions = new() { MaxEventIds = 10_000, MaxPathLength = 10_000 },
        };
        var input = new StringBuilder();
        foreach (var arrival in arrivals)
        {
            input.AppendLine(Encoding.UTF8.GetString(JsonSerdes.ClickEvent.Serialize(arrival.Event, default)));
        }

        using var segmentsOut = new StringWriter();
        using var lateOut = new StringWriter();
        var counts = JourneyReplay.Run(options, new StringReader(input.ToString()), segmentsOut, lateOut, TimeProvider.System);

        var segments = segmentsOut.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerdes.JourneySegment.Deserialize(Encoding.UTF8.GetBytes(line), isNull: false, default))
            .ToList();
        var streamed = segments
            .Select(s => new BatchSession(s.UserId!, s.Start, s.End, s.EventIds))
            .OrderBy(s => s.Customer, StringComparer.Ordinal).ThenBy(s => s.Start)
            .ToList();
        var batch = BatchSessions.Compute(events, BatchSessions.DefaultGap);

        Assert.Equal((arrivals.Count, 0L, 0L), (counts.Events, counts.LateEvents, counts.DeadLetters));
        Assert.Equal(4_698, batch.Count);
        Assert.Equal(batch.Count, streamed.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.Equal(batch[i].Customer, streamed[i].Customer);
            Assert.Equal((batch[i].Start, batch[i].End), (streamed[i].Start, streamed[i].End));
            Assert.Equal(batch[i].EventIds, streamed[i].EventIds);
        }

        var eventIds = streamed.SelectMany(s => s.EventIds).ToList();
        Assert.Equal(events.Select(e => e.EventId).Distinct().Count(), eventIds.Count);
        Assert.Equal(eventIds.Count, eventIds.Distinct().Count());
        Assert.All(segments, s => Assert.Equal(ClosedBy.Inactivity, s.ClosedBy));

        var scores = PairwiseF1.Compute(streamed, TrivagoDataset.TrueSessionIds(TrivagoDataset.Load()));
        output.WriteLine($"pairwise against the true session ids: precision {scores.Precision:F3}, recall {scores.Recall:F3}, F1 {scores.F1:F3}");
        Assert.Equal(0.968, scores.F1, 3);
    }
}
