using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Applies restored changelog records to their stores on a thread of its own while the restorer's thread goes on
/// fetching, as Kafka Streams' state updater restores beside the stream thread: fetching a record and putting it into a
/// store cost about the same, so doing both on one thread halves the rate. Batches travel as the consumer read them, in
/// the order posted, and one thread applies them all, so each store sees its changelog's order and only one writer.
/// Each batch is disposed once applied, or once dropped when the restore fails, which gives its memory back to the client.
/// </summary>
internal sealed class RestoreApplier : IDisposable
{
    // Enough to keep this thread busy while the restorer waits on a fetch, without holding many fetched buffers.
    private const int BatchesInFlight = 16;

    private readonly BlockingCollection<(IChangelogBatch Records, IRestorableStore?[] Stores)> _batches = new(BatchesInFlight);
    private readonly CancellationTokenSource _failed = new();
    private readonly Thread _thread;
    private Exception? _failure;

    public RestoreApplier(string threadName)
    {
        _thread = new Thread(Apply) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>Hands over a batch to be applied: record <c>i</c> goes to <c>stores[i]</c>, or nowhere where that is null.</summary>
    public void Post(IChangelogBatch records, IRestorableStore?[] stores)
    {
        try
        {
            _batches.Add((records, stores), _failed.Token);
        }
        catch (OperationCanceledException)
        {
            records.Dispose();
            ThrowFailure();
        }
    }

    /// <summary>Applies everything posted, waits for it, and throws what a store threw.</summary>
    public void Complete()
    {
        _batches.CompleteAdding();
        _thread.Join();
        ThrowFailure();
    }

    /// <summary>Stops without applying what is left (the restore failed); the thread ends before this returns.</summary>
    public void Dispose()
    {
        if (!_batches.IsAddingCompleted)
        {
            _failed.Cancel();
            _batches.CompleteAdding();
            _thread.Join();
        }

        while (_batches.TryTake(out var left))
        {
            left.Records.Dispose();
        }

        _batches.Dispose();
        _failed.Dispose();
    }

    private void Apply()
    {
        try
        {
            foreach (var (records, stores) in _batches.GetConsumingEnumerable(_failed.Token))
            {
                try
                {
                    for (var i = 0; i < stores.Length; i++)
                    {
                        if (stores[i] is { } store)
                        {
                            var record = records[i];
                            store.Restore(record.Key, record.Value, record.IsTombstone);
                        }
                    }
                }
                finally
                {
                    records.Dispose();
                }
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // stopped by Dispose
        }
        catch (Exception ex)
        {
            _failure = ex;
            _failed.Cancel();
        }
    }

    private void ThrowFailure()
    {
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
