using FsCheck;
using FsCheck.Fluent;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.State;
using JourneyMapper.Streams.State.Internals;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests.State;

/// <summary>
/// The changelog's one promise: after any flush, replaying everything it holds gives exactly the sessions the store
/// holds, whatever mix of puts, regrowths, merges, removals, expiry and slot reuse came before.
/// </summary>
public sealed class SessionChangelogPropertyTests
{
    private static readonly string[] Keys = ["a", "b", "c"];

    private enum Step
    {
        Put,
        Remove,
        Expire,
        Flush,
    }

    public static TheoryData<SessionStoreKind> StoreKinds => [SessionStoreKind.InMemory, SessionStoreKind.Arena];

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public void AfterEveryFlushTheChangelogRestoresExactlyTheStoresSessions(SessionStoreKind kind) =>
        Prop.ForAll(Arb.From(Gen.ListOf(Operations())), operations =>
            {
                var changelog = new RecordingCollector();
                var store = NewLoggedStore(kind, changelog);
                var version = 0;
                foreach (var (step, key, start, end) in operations)
                {
                    switch (step)
                    {
                        case Step.Put:
                            store.Put(new Windowed<string>(key, new Window(start, Math.Max(start, end))), $"v{version++}");
                            break;
                        case Step.Remove:
                            foreach (var (session, _) in store.FindSessions(key, long.MinValue, long.MaxValue).Where(found => found.Key.Window.Start == start).ToList())
                            {
                                store.Remove(session);
                            }

                            break;
                        case Step.Expire:
                            store.ExpireBefore(end, static (_, _) => { });
                            break;
                        default:
                            store.Flush();
                            Assert.Equal(Sessions(store), Sessions(Restored(kind, changelog)));
                            break;
                    }
                }
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    // Few keys and starts, so that sessions are put again, removed and put back, and freed slots are reused.
    private static Gen<(Step Step, string Key, long Start, long End)> Operations() =>
        from step in Gen.Frequency((6, Gen.Constant(Step.Put)), (2, Gen.Constant(Step.Remove)), (1, Gen.Constant(Step.Expire)), (2, Gen.Constant(Step.Flush)))
        from key in Gen.Elements(Keys)
        from start in Gen.Choose(0, 5)
        from end in Gen.Choose(0, 12)
        select (step, key, (long)start, (long)end);

    private static ISessionStore<string, string> NewLoggedStore(SessionStoreKind kind, RecordingCollector changelog) =>
        (ISessionStore<string, string>)((IStoreBuilder)kind.Builder("sessions", Serdes.String))
            .Build(new ChangelogWriter(changelog, "app-sessions-changelog", 0, static () => 0));

    private static ISessionStore<string, string> Restored(SessionStoreKind kind, RecordingCollector changelog)
    {
        var store = NewLoggedStore(kind, new RecordingCollector());
        foreach (var (_, key, value) in changelog.Sent)
        {
            ((IRestorableStore)store).Restore(key!, value);
        }

        return store;
    }

    private static List<(string Key, long Start, long End, string Value)> Sessions(ISessionStore<string, string> store) =>
        [.. Keys.SelectMany(key => store.FindSessions(key, long.MinValue, long.MaxValue))
            .Select(found => (found.Key.Key, found.Key.Window.Start, found.Key.Window.End, found.Value))];
}
