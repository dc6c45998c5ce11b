using System.Globalization;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// The global clock: every customer has a timeline of sessions, and the next event of whichever customer
/// is due first is emitted, so customers interleave in event time and the output is in event-time order.
/// </summary>
internal static class EventTimeSimulation
{
    /// <summary>Shortest idle time between sessions: clearly above the 30-minute inactivity gap.</summary>
    public static readonly TimeSpan MinTimeBetweenSessions = TimeSpan.FromMinutes(35);

    public static IEnumerable<ClickEvent> Run(ClickstreamGeneratorOptions options)
    {
        var random = SeedStreams.Create(options.Seed, SeedStreams.Journeys);
        var catalogue = new ProductCatalogue(options.Products, random);
        var scripts = new JourneyScripts(catalogue, random);
        var renderer = new ClickRenderer(catalogue);
        var meanIdleMillis = options.MeanTimeBetweenSessions.TotalMilliseconds;
        var start = options.StartTime.ToUnixTimeMilliseconds();

        // Ties on time go to the lower customer index so the order never depends on heap internals.
        var due = new PriorityQueue<Timeline, (long Time, int Customer)>(options.Customers);
        for (var i = 0; i < options.Customers; i++)
        {
            var customer = SyntheticCustomer.Create(i, options.AnonymousShare, random);

            // Spreading first visits over one mean interval starts the simulation in its steady state.
            var firstVisit = start + (long)(random.NextDouble() * meanIdleMillis);
            var timeline = new Timeline(new SessionPlan(customer, random));
            scripts.PlanSession(timeline.Session, firstVisit);
            due.Enqueue(timeline, (timeline.Due, i));
        }

        var prefix = "evt-" + options.Seed.ToString(CultureInfo.InvariantCulture) + "-";
        for (long sequence = 0; ; sequence++)
        {
            var timeline = due.Peek();
            var click = renderer.Render(timeline.Session, timeline.Position, string.Create(CultureInfo.InvariantCulture, $"{prefix}{sequence}"));
            yield return click;

            // Only now may the plan be refilled: the event just emitted was the last one made from it.
            if (!timeline.MoveNext())
            {
                var idle = MinTimeBetweenSessions.TotalMilliseconds + Exponential(random, meanIdleMillis);
                scripts.PlanSession(timeline.Session, click.Timestamp!.Value + (long)idle);
                timeline.Restart();
            }

            // The customer stays in the queue under its next due time: one sift down the heap, not a removal and an insertion.
            due.DequeueEnqueue(timeline, (timeline.Due, timeline.Session.Customer.Index));
        }
    }

    // Capped so one unlucky draw cannot park a customer for the rest of a bounded run.
    private static double Exponential(Random random, double mean) =>
        Math.Min(-Math.Log(1 - random.NextDouble()) * mean, 20 * mean);

    /// <summary>A customer's position in their current session plan.</summary>
    private sealed class Timeline(SessionPlan session)
    {
        public SessionPlan Session { get; } = session;

        public int Position { get; private set; }

        /// <summary>When the next event is due.</summary>
        public long Due => Session.Clicks[Position].Timestamp;

        public bool MoveNext() => ++Position < Session.Count;

        public void Restart() => Position = 0;
    }
}
