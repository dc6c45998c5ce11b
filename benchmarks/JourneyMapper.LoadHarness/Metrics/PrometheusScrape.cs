using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace JourneyMapper.LoadHarness.Metrics;

/// <summary>
/// One scrape of an instance's <c>/metrics</c> (Prometheus text exposition 0.0.4), parsed once so that a run's report
/// can ask for counters and latency histograms by sample name and labels, and subtract the scrape taken before the run.
/// Names and label names are the exposed ones (<c>journeymapper_records_consumed_total</c>, <c>topic</c>). HELP, TYPE
/// and other comment lines are skipped, as the sample names say all the harness needs; a sample's timestamp is dropped,
/// as the harness times its scrapes itself.
/// </summary>
public sealed class PrometheusScrape
{
    private const string BoundLabel = "le";

    private readonly Dictionary<string, ReadOnlyCollection<(IReadOnlyDictionary<string, string> Labels, double Value)>> _samples;

    private PrometheusScrape(Dictionary<string, ReadOnlyCollection<(IReadOnlyDictionary<string, string> Labels, double Value)>> samples) =>
        _samples = samples;

    /// <summary>Parses a whole exposition; a malformed sample line throws a <see cref="FormatException"/> naming its line.</summary>
    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new Dictionary<string, List<(IReadOnlyDictionary<string, string> Labels, double Value)>>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            try
            {
                var (name, labels, value) = ParseSample(line);
                if (!samples.TryGetValue(name, out var series))
                {
                    samples[name] = series = [];
                }

                series.Add((labels, value));
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {number}: {e.Message}: {line}", e);
            }
        }

        return new PrometheusScrape(samples.ToDictionary(entry => entry.Key, entry => entry.Value.AsReadOnly(), StringComparer.Ordinal));
    }

    /// <summary>Every sample of the exact sample name <paramref name="name"/>, in the scrape's order; none when it is absent.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string name) =>
        _samples.TryGetValue(name, out var samples) ? samples : [];

    /// <summary>
    /// The total of the samples of <paramref name="name"/> carrying every label pair of <paramref name="where"/> (a counter
    /// summed over the topics, partitions or threads left unnamed); 0 when none match.
    /// </summary>
    public double Sum(string name, params (string Label, string Value)[] where) =>
        Samples(name).Where(sample => Matches(sample.Labels, where)).Sum(sample => sample.Value);

    /// <summary>
    /// The histogram <paramref name="family"/> (the name before <c>_bucket</c>, <c>_sum</c> and <c>_count</c>) merged over
    /// every label set carrying the pairs of <paramref name="where"/>: counts added per <c>le</c> bound, sums and counts
    /// added. <see cref="LatencyHistogram.Empty"/> when no series matches.
    /// </summary>
    public LatencyHistogram Histogram(string family, params (string Label, string Value)[] where)
    {
        var buckets = Samples(family + "_bucket")
            .Where(sample => Matches(sample.Labels, where))
            .GroupBy(sample => sample.Labels.TryGetValue(BoundLabel, out var bound)
                ? ParseValue(bound)
                : throw new FormatException($"a {family}_bucket sample has no '{BoundLabel}' label"))
            .OrderBy(bucket => bucket.Key)
            .ToList();
        return new LatencyHistogram(
            buckets.Select(bucket => bucket.Key),
            buckets.Select(bucket => bucket.Sum(sample => sample.Value)),
            Sum(family + "_sum", where),
            Sum(family + "_count", where));
    }

    private static bool Matches(IReadOnlyDictionary<string, string> labels, (string Label, string Value)[] where) =>
        where.All(pair => labels.TryGetValue(pair.Label, out var value) && value == pair.Value);

    // name{label="value",...} value [timestamp]; whitespace is allowed between the tokens and a trailing comma in the labels.
    private static (string Name, IReadOnlyDictionary<string, string> Labels, double Value) ParseSample(string line)
    {
        var i = 0;
        var name = ReadName(line, ref i, allowColon: true);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        SkipSpaces(line, ref i);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            ReadLabels(line, ref i, labels);
        }

        var tokens = line[i..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is < 1 or > 2 || (tokens.Length == 2 && !long.TryParse(tokens[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("expected a value and an optional integer timestamp after the name and labels");
        }

        return (name, labels.AsReadOnly(), ParseValue(tokens[0]));
    }

    private static void ReadLabels(string line, ref int i, Dictionary<string, string> labels)
    {
        while (true)
        {
            SkipSpaces(line, ref i);
            if (i < line.Length && line[i] == '}')
            {
                i++;
                return;
            }

            var label = ReadName(line, ref i, allowColon: false);
            SkipSpaces(line, ref i);
            Expect(line, ref i, '=');
            SkipSpaces(line, ref i);
            Expect(line, ref i, '"');
            if (!labels.TryAdd(label, ReadQuoted(line, ref i)))
            {
                throw new FormatException($"label '{label}' appears twice");
            }

            SkipSpaces(line, ref i);
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != '}')
            {
                throw new FormatException("expected ',' or '}' after a label");
            }
        }
    }

    // Metric names are [a-zA-Z_:][a-zA-Z0-9_:]*, label names the same without ':'.
    private static string ReadName(string line, ref int i, bool allowColon)
    {
        var start = i;
        while (i < line.Length && (char.IsAsciiLetter(line[i]) || line[i] == '_' || (allowColon && line[i] == ':') || (i > start && char.IsAsciiDigit(line[i]))))
        {
            i++;
        }

        return i > start ? line[start..i] : throw new FormatException($"expected a {(allowColon ? "metric" : "label")} name at column {start + 1}");
    }

    // After the opening quote; the exposition escapes exactly \\, \" and \n in label values.
    private static string ReadQuoted(string line, ref int i)
    {
        var value = new StringBuilder();
        while (i < line.Length)
        {
            var c = line[i++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c == '\\' && i < line.Length)
            {
                c = line[i++] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    var other => throw new FormatException($"unknown escape '\\{other}' in a label value"),
                };
            }

            value.Append(c);
        }

        throw new FormatException("a label value is not closed by '\"'");
    }

    // Go's float syntax: .NET's own plus Inf with an optional sign, in any case (NaN and digits parse as they are).
    private static double ParseValue(string token)
    {
        var sign = token.Length > 0 && token[0] is '+' or '-' ? 1 : 0;
        if (token.AsSpan(sign).Equals("Inf", StringComparison.OrdinalIgnoreCase))
        {
            return token[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{token}' is not a number");
    }

    private static void SkipSpaces(string line, ref int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static void Expect(string line, ref int i, char expected)
    {
        if (i >= line.Length || line[i] != expected)
        {
            throw new FormatException($"expected '{expected}' at column {i + 1}");
        }

        i++;
    }
}
