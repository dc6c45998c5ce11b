namespace JourneyMapper.Journeys;

/// <summary>
/// A step of your own in the journey topology: register an implementation in DI
/// (<c>services.AddSingleton&lt;IJourneyTopologyExtension, MyStep&gt;()</c>) and it receives the named streams when the
/// topology is built, to branch off them with the usual DSL (<c>streams.Segments.Filter(...).To(...)</c>).
/// </summary>
public interface IJourneyTopologyExtension
{
    void Extend(JourneyStreams streams);
}
