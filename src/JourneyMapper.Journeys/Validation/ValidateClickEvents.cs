using JourneyMapper.Serialization.Records;
using JourneyMapper.Streams.Processors;

namespace JourneyMapper.Journeys.Validation;

/// <summary>
/// Lets valid events through keyed by customer id and stamped with their event time; sends the others,
/// as their original bytes, to the dead-letter queue with the reason. A tombstone arrives as a null value.
/// </summary>
public sealed class ValidateClickEvents(ClickEventValidator validator) : IProcessor<string, ClickEvent, string, ClickEvent>
{
    private IProcessorContext<string, ClickEvent>? _context;

    public void Init(IProcessorContext<string, ClickEvent> context) => _context = context;

    public void Process(Record<string, ClickEvent> record)
    {
        if (validator.Validate(record.Value) is { } error)
        {
            _context!.SendToDeadLetterQueue(error.Code, error.Message);
            return;
        }

        var clickEvent = record.Value;
        _context!.Forward(new Record<string, ClickEvent>(clickEvent.CustomerId!, clickEvent, clickEvent.Timestamp!.Value, record.Headers));
    }
}
