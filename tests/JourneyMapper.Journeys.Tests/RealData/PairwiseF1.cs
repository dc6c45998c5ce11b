namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>Pair counts and the scores they give; a score with no pairs to judge is 1 (nothing was got wrong).</summary>
internal sealed record PairwiseScores(long PredictedPairs, long TruePairs, long SharedPairs)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)SharedPairs / PredictedPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)SharedPairs / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Pairwise precision, recall and F1 of a sessionization against true session ids. The pairs judged are all
/// unordered pairs of two distinct events (distinct eventIds) of the same customer. A pair is predicted positive when
/// both events are in one predicted session and truly positive when both have the same true session id;
/// precision = shared / predicted-positive, recall = shared / truly-positive. Counted per cell, not per pair:
/// a group of n events holds n(n-1)/2 pairs.
/// </summary>
internal static class PairwiseF1
{
    public static PairwiseScores Compute(IEnumerable<BatchSession> predicted, IReadOnlyDictionary<string, string> trueSessionByEventId)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(trueSessionByEventId);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var trueGroups = new Dictionary<(string Customer, string Session), long>();
        var sharedGroups = new Dictionary<(int Predicted, string Session), long>();
        long predictedPairs = 0;
        var index = 0;
        foreach (var session in predicted)
        {
            predictedPairs += Pairs(session.EventIds.Count);
            foreach (var eventId in session.EventIds)
            {
                if (!seen.Add(eventId))
                {
                    throw new ArgumentException($"event {eventId} is in more than one place of the predicted sessions", nameof(predicted));
                }

                if (!trueSessionByEventId.TryGetValue(eventId, out var trueSession))
                {
                    throw new ArgumentException($"event {eventId} has no true session id", nameof(trueSessionByEventId));
                }

                Increment(trueGroups, (session.Customer, trueSession));
                Increment(sharedGroups, (index, trueSession));
            }

            index++;
        }

        return new PairwiseScores(predictedPairs, trueGroups.Values.Sum(Pairs), sharedGroups.Values.Sum(Pairs));
    }

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull
    {
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
