namespace JourneyMapper.Streams.Errors;

/// <summary>Decides what happens to a source record whose key or value cannot be deserialized.</summary>
public interface IDeserializationExceptionHandler
{
    ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception);
}

/// <summary>Decides what happens to a record whose processing threw.</summary>
public interface IProcessingExceptionHandler
{
    ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception);
}
