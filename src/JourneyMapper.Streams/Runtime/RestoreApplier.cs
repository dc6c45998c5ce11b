using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Applies restored changelog records to their stores on a thread of its own while the restorer's thread goes on
/// fetching, as Kafka Streams' state updater restores beside the stream thread: fetching a record and putting it into a
/// store cost about the same, so doing both on one thread halves the rate. Records travel in batches, in the order they
/// were posted, and one thread applies them all, so each store sees its changelog's order and only one writer.
/// </summary>
internal sealed class RestoreApplier : IDisposable
{
    private const int BatchSize = 512;
    private const int BatchesInFlight = 64;

    private readonly BlockingCollection<List<(IRestorableStore Store, byte[] Key, byte[]? Value)>> _batches = new(BatchesInFlight);
    private readonly CancellationTokenSource _failed = new();
    private readonly Thread _thread;
    private List<(IRestorableStore Store, byte[] Key, byte[]? Value)> _batch = new(BatchSize);
    private Exception? _failure;

    public RestoreApplier(string threadName)
    {
        _thread = new Thread(Apply) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public void Post(IRestorableStore store, byte[] key, byte[]? value)
    {
        _batch.Add((store, key, value));
        if (_batch.Count == BatchSize)
        {
            Send();
        }
    }

    /// <summary>Hands over what is posted so far, so that it is applied while the restorer waits for more.</summary>
    public void Send()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        try
        {
            _batches.Add(_batch, _failed.Token);
        }
        catch (OperationCanceledException)
        {
            ThrowFailure();
        }

        _batch = new List<(IRestorableStore, byte[], byte[]?)>(BatchSize);
    }

    /// <summary>Applies everything posted, waits for it, and throws what a store threw.</summary>
    public void Complete()
    {
        Send();
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

        _batches.Dispose();
        _failed.Dispose();
    }

    private void Apply()
    {
        try
        {
            foreach (var batch in _batches.GetConsumingEnumerable(_failed.Token))
            {
                foreach (var (store, key, value) in batch)
                {
                    store.Restore(key, value);
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
