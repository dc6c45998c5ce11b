using Microsoft.Extensions.Logging;

namespace JourneyMapper.Streams.Errors;

/// <summary>Logs where the bad record is and goes on; with a dead-letter topic set, the record lands there.</summary>
public sealed partial class LogAndContinueExceptionHandler(ILogger<LogAndContinueExceptionHandler> logger)
    : IDeserializationExceptionHandler, IProcessingExceptionHandler
{
    public ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception)
    {
        LogSkipped(context.Topic, context.Partition, context.Offset, context.TaskId.ToString(), exception.GetType().Name, exception.Message);
        return ErrorHandlerResponse.Continue;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Skipping record {Topic}-{Partition}@{Offset} in task {TaskId}: {ExceptionType}: {Reason}")]
    private partial void LogSkipped(string topic, int partition, long offset, string taskId, string exceptionType, string reason);
}
