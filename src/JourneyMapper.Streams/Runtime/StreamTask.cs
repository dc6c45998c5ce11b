using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.Processors.Internals;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// One partition's share of the topology: its own processor instances, fed record by record. Errors are
/// settled here, per record, so one bad record never stops its neighbours.
/// </summary>
internal sealed class StreamTask
{
    private readonly TaskContext _context;
    private readonly Dictionary<string, ISourceNode> _sources;
    private readonly IDeserializationExceptionHandler _deserializationHandler;
    private readonly IProcessingExceptionHandler _processingHandler;

    public StreamTask(TaskId id, Topology topology, StreamsConfig config, IRecordCollector collector)
    {
        Id = id;
        _context = new TaskContext(config.ApplicationId, id, collector, config.DeadLetterQueueTopic);
        _sources = topology.InstantiateSources(_context);
        _deserializationHandler = config.DeserializationExceptionHandler;
        _processingHandler = config.ProcessingExceptionHandler;
    }

    public TaskId Id { get; }

    /// <summary>Processes one record; throws <see cref="StreamsException"/> when a handler says to fail.</summary>
    public void Process(ConsumeResult<byte[], byte[]> raw)
    {
        if (!_sources.TryGetValue(raw.Topic, out var source))
        {
            throw new StreamsException($"task {Id} has no source for topic '{raw.Topic}'");
        }

        _context.CurrentRecord = raw;
        try
        {
            source.Process(raw);
        }
        catch (StreamsDeserializationException ex)
        {
            Settle(_deserializationHandler.Handle(ErrorContext(raw), ex), "deserialization-error", ex);
        }
        catch (Exception ex) when (ex is not StreamsException)
        {
            Settle(_processingHandler.Handle(ErrorContext(raw), ex), "processing-error", ex);
        }
        finally
        {
            _context.CurrentRecord = null;
        }
    }

    public void Close()
    {
        foreach (var instance in _context.Instances)
        {
            if (instance is IProcessorNode node)
            {
                node.Close();
            }
        }
    }

    private void Settle(ErrorHandlerResponse response, string errorCode, Exception exception)
    {
        if (response == ErrorHandlerResponse.Fail)
        {
            throw new StreamsException($"task {Id} failed on a record; the exception handler chose to fail", exception);
        }

        if (_context.HasDeadLetterQueue)
        {
            _context.SendToDeadLetterQueue(errorCode, exception.Message, exception);
        }
    }

    private ErrorHandlerContext ErrorContext(ConsumeResult<byte[], byte[]> raw) =>
        new(Id, raw.Topic, raw.Partition.Value, raw.Offset.Value);
}
