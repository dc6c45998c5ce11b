namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Outcome of a producer run. <see cref="Sent"/> counts records handed to the client; those neither
/// delivered nor failed were still unconfirmed when the final flush timed out. <see cref="Delivered"/> and
/// <see cref="Failed"/> are null for a run that asked for no delivery reports (<see cref="ClickstreamProducer.TallyDeliveries"/>).
/// </summary>
public sealed record ProducedCounts(long Sent, long? Delivered, long? Failed, TimeSpan Elapsed)
{
    public long? Unconfirmed => Sent - Delivered - Failed;
}
