using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using JourneyMapper.Streams.State.Internals;

namespace JourneyMapper.Streams.Runtime;

/// <summary>
/// Applies restored changelog records to their stores on threads of their own while the restorer's thread goes on
/// fetching, as Kafka Streams' state updater restores beside the stream thread. Each store is given to one lane (a
/// thread and its queue), so each store sees its changelog's order and only one writer; batches travel to every lane
/// that has records in them, and the last lane done with a batch disposes it, which gives its memory back to the client.
/// </summary>
internal sealed class RestoreApplier : IDisposable
{
    // Enough to keep a lane busy while the restorer waits on a fetch, without holding many fetched buffers.
    private const int BatchesInFlight = 16;

    private readonly Lane[] _lanes;
    private readonly Dictionary<IRestorableStore, int> _laneOf = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _failed = new();
    private Exception? _failure;

    public RestoreApplier(string threadName, int lanes)
    {
        _lanes = [.. Enumerable.Range(0, lanes).Select(i => new Lane(this, lanes == 1 ? threadName : $"{threadName}-{i + 1}"))];
    }

    /// <summary>Hands over a batch to be applied: record <c>i</c> goes to <c>stores[i]</c>, or nowhere where that is null.</summary>
    public void Post(IChangelogBatch records, IRestorableStore?[] stores)
    {
        var perLane = new IRestorableStore?[_lanes.Length][];
        var lanesUsed = 0;
        for (var i = 0; i < stores.Length; i++)
        {
            if (stores[i] is not { } store)
            {
                continue;
            }

            if (!_laneOf.TryGetValue(store, out var lane))
            {
                lane = _laneOf.Count % _lanes.Length;
                _laneOf[store] = lane;
            }

            if (perLane[lane] is null)
            {
                perLane[lane] = new IRestorableStore?[stores.Length];
                lanesUsed++;
            }

            perLane[lane][i] = store;
        }

        if (lanesUsed == 0)
        {
            records.Dispose();
            return;
        }

        // A lane that cannot take its part (another lane failed) counts as done with it, as do the lanes after it.
        var shared = new SharedBatch(records, lanesUsed);
        var handedOver = true;
        for (var lane = 0; lane < _lanes.Length; lane++)
        {
            if (perLane[lane] is not { } laneStores)
            {
                continue;
            }

            handedOver = handedOver && _lanes[lane].TryAdd(shared, laneStores);
            if (!handedOver)
            {
                shared.Done();
            }
        }

        if (!handedOver)
        {
            ThrowFailure();
        }
    }

    /// <summary>Applies everything posted, waits for it, and throws what a store threw.</summary>
    public void Complete()
    {
        foreach (var lane in _lanes)
        {
            lane.CompleteAdding();
        }

        foreach (var lane in _lanes)
        {
            lane.Join();
        }

        ThrowFailure();
    }

    /// <summary>Stops without applying what is left (the restore failed); the threads end before this returns.</summary>
    public void Dispose()
    {
        _failed.Cancel();
        foreach (var lane in _lanes)
        {
            lane.CompleteAdding();
        }

        foreach (var lane in _lanes)
        {
            lane.Join();
            lane.Dispose();
        }

        _failed.Dispose();
    }

    private void Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        _failed.Cancel();
    }

    private void ThrowFailure()
    {
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>A batch some lanes apply parts of: the last of them to finish gives it back.</summary>
    private sealed class SharedBatch(IChangelogBatch records, int lanes)
    {
        private int _lanesLeft = lanes;

        public IChangelogBatch Records { get; } = records;

        public void Done()
        {
            if (Interlocked.Decrement(ref _lanesLeft) == 0)
            {
                Records.Dispose();
            }
        }
    }

    private sealed class Lane : IDisposable
    {
        private readonly RestoreApplier _applier;
        private readonly BlockingCollection<(SharedBatch Batch, IRestorableStore?[] Stores)> _batches = new(BatchesInFlight);
        private readonly Thread _thread;

        public Lane(RestoreApplier applier, string threadName)
        {
            _applier = applier;
            _thread = new Thread(Apply) { IsBackground = true, Name = threadName };
            _thread.Start();
        }

        public bool TryAdd(SharedBatch batch, IRestorableStore?[] stores)
        {
            try
            {
                _batches.Add((batch, stores), _applier._failed.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void CompleteAdding()
        {
            if (!_batches.IsAddingCompleted)
            {
                _batches.CompleteAdding();
            }
        }

        public void Join() => _thread.Join();

        /// <summary>After <see cref="Join"/>: what was never applied counts as done, so its batches are given back.</summary>
        public void Dispose()
        {
            while (_batches.TryTake(out var left))
            {
                left.Batch.Done();
            }

            _batches.Dispose();
        }

        private void Apply()
        {
            try
            {
                foreach (var (batch, stores) in _batches.GetConsumingEnumerable(_applier._failed.Token))
                {
                    try
                    {
                        var records = batch.Records;
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
                        batch.Done();
                    }
                }
            }
            catch (OperationCanceledException) when (_applier._failed.IsCancellationRequested)
            {
                // stopped by Dispose, or by another lane's failure
            }
            catch (Exception ex)
            {
                _applier.Fail(ex);
            }
        }
    }
}
