using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Errors;

/// <summary>Logs where the bad record is and stops processing: the choice when no record may be skipped.</summary>
public sealed partial class LogAndFailExceptionHandler(ILogger<LogAndFailExceptionHandler> logger)
    : IDeserializationExceptionHandler, IProcessingExceptionHandler
{
    public ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception)
    {
        LogFailing(exception, context.Topic, context.Partition, context.Offset, context.TaskId.ToString());
        return ErrorHandlerResponse.Fail;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Failing on record {Topic}-{Partition}@{Offset} in task {TaskId}")]
    private partial void LogFailing(Exception exception, string topic, int partition, long offset, string taskId);
}
