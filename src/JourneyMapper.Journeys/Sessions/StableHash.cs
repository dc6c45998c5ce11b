namespace JourneyMapper.Journeys.Sessions;

/// <summary>
/// FNV-1a over UTF-16 code units: stable across processes and restarts (string.GetHashCode is not), so a hash
/// written to a changelog still means the same text after a restore on another instance.
/// </summary>
internal static class StableHash
{
    public static long Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
