using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

public sealed class KeyValueStoreTests
{
    /// <summary>
    /// An empty value read from the changelog (or a table's source topic) is a value, here an empty array: only a
    /// tombstone removes the key.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARestoredEmptyValueIsKeptAndOnlyATombstoneRemovesTheKey(bool fromSourceTopic)
    {
        var builder = Stores.InMemoryKeyValueStore("kv", Serdes.String, Serdes.ByteArray);
        var store = ((IStoreBuilder)(fromSourceTopic ? builder with { SourceTopic = "table" } : builder))
            .Build(new ChangelogWriter(new RecordingCollector(), "kv-changelog", 0, static () => 0));
        var restorable = (IRestorableStore)store;
        var values = (IKeyValueStore<string, byte[]>)store;

        restorable.Restore(TestSupport.Utf8("k"), [], isTombstone: false);
        Assert.Equal([("k", 0)], values.All().Select(entry => (entry.Key, entry.Value.Length)));

        restorable.Restore(TestSupport.Utf8("k"), [], isTombstone: true);
        Assert.Empty(values.All());
        Assert.Null(values.Get("k"));
    }
}
