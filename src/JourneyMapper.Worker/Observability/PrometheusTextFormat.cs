using System.Globalization;
using System.Text;
using JourneyMapper.Streams;

namespace JourneyMapper.Worker.Observability;

/// <summary>
/// Renders the runtime's metrics in Prometheus' text exposition format 0.0.4. Names get the <see cref="Prefix"/> and
/// have their dashes turned into underscores (<c>records-consumed-total</c> becomes
/// <c>journeymapper_records_consumed_total</c>), tag keys likewise (<c>task-id</c> becomes <c>task_id</c>); a histogram
/// writes its cumulative <c>_bucket</c> series (<c>le</c> up to <c>+Inf</c>), <c>_sum</c> and <c>_count</c>.
/// </summary>
public static class PrometheusTextFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public const string Prefix = "journeymapper_";

    public static string Write(IEnumerable<MetricFamilySnapshot> families, string prefix = Prefix)
    {
        ArgumentNullException.ThrowIfNull(families);
        var text = new StringBuilder();
        foreach (var family in families)
        {
            var name = Sanitize(prefix + family.Name, allowColon: true);
            if (!string.IsNullOrEmpty(family.Description))
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(family.Description)).Append('\n');
            }

            text.Append("# TYPE ").Append(name).Append(' ').Append(TypeName(family.Type)).Append('\n');
            foreach (var series in family.Series)
            {
                if (series.Histogram is { } histogram)
                {
                    WriteHistogram(text, name, series.Tags, histogram);
                }
                else
                {
                    WriteSample(text, name, series.Tags, le: null, series.Value);
                }
            }
        }

        return text.ToString();
    }

    private static void WriteHistogram(StringBuilder text, string name, IReadOnlyList<MetricTag> tags, HistogramSnapshot histogram)
    {
        var cumulative = 0L;
        for (var i = 0; i < histogram.BucketCounts.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            var le = i < histogram.UpperBounds.Count ? histogram.UpperBounds[i] : double.PositiveInfinity;
            WriteSample(text, name + "_bucket", tags, le, cumulative);
        }

        WriteSample(text, name + "_sum", tags, le: null, histogram.Sum);
        WriteSample(text, name + "_count", tags, le: null, cumulative);
    }

    private static void WriteSample(StringBuilder text, string name, IReadOnlyList<MetricTag> tags, double? le, double value)
    {
        text.Append(name);
        if (tags.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var tag in tags)
            {
                AppendLabel(text, Sanitize(tag.Key, allowColon: false), tag.Value, ref first);
            }

            if (le is { } bound)
            {
                AppendLabel(text, "le", Number(bound), ref first);
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static void AppendLabel(StringBuilder text, string name, string value, ref bool first)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        text.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    private static string EscapeHelp(string help) => help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => "untyped",
    };

    // Go's float syntax, which Prometheus parses: shortest round-trip digits, +Inf, -Inf, NaN.
    internal static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // Metric names are [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*: anything else becomes '_'.
    private static string Sanitize(string name, bool allowColon)
    {
        var result = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            result.Append('_');
        }

        foreach (var c in name)
        {
            result.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return result.ToString();
    }
}
