namespace JourneyMapper.Streams.State;

/// <summary>
/// A store a task's processors keep state in. Stores are per task; their changelog topic
/// (<c>&lt;applicationId&gt;-&lt;name&gt;-changelog</c>) lets another instance rebuild them after a failover.
/// </summary>
public interface IStateStore
{
    string Name { get; }

    /// <summary>True when the store survives a restart on its own (no full restore needed).</summary>
    bool Persistent { get; }

    /// <summary>Makes buffered writes durable: for a logged store, sends them to the changelog.</summary>
    void Flush();

    void Close();
}
