using System.Globalization;
using System.Text;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Journeys.Tests.RealData;

/// <summary>
/// The real hotel-search clickstream in shared/data/trivago-rio (see its PROVENANCE.md): loaded once per test run.
/// </summary>
internal static class TrivagoDataset
{
    public const string Header = "session_id,user_id,timestamp,action_type,item_id,impressions,list_reference_item,pos_item_id,clicked";
    public const string ClickoutItem = "clickout item";
    public const string InteractionItemInfo = "interaction item info";
    public const string ActionTypeProperty = "actionType";
    public const string TrueSessionIdProperty = "trueSessionId";

    private const int ColumnCount = 9;

    private static readonly Lazy<IReadOnlyList<TrivagoRow>> Rows = new(() =>
    {
        using var reader = File.OpenText(FilePath);
        return Parse(reader);
    });

    public static string FilePath => SharedData.Locate("trivago-rio", "interaction_dataset.csv");

    /// <summary>Every row in file order, duplicates included.</summary>
    public static IReadOnlyList<TrivagoRow> Load() => Rows.Value;

    /// <summary>Every row as a ClickEvent, in file order, duplicates included (they share an eventId).</summary>
    public static IReadOnlyList<ClickEvent> LoadClickEvents() => [.. Load().Select(row => row.ToClickEvent())];

    /// <summary>
    /// The SPEC's canonical types where one fits. <c>interaction item info</c> opens a hotel's details:
    /// <c>product_view</c>. <c>clickout item</c> hands the visitor to a booking partner for that hotel, which is where
    /// booking starts; the booking itself happens off-site and is never seen, so <c>checkout_start</c> (not
    /// <c>purchase</c>). Any other value is kept as it is, as the service keeps unknown types.
    /// </summary>
    public static string CanonicalEventType(string actionType) => actionType switch
    {
        InteractionItemInfo => "product_view",
        ClickoutItem => "checkout_start",
        _ => actionType,
    };

    /// <summary>The site's own session of every event, by eventId (exact duplicates share both).</summary>
    public static Dictionary<string, string> TrueSessionIds(IEnumerable<TrivagoRow> rows)
    {
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (sessions.TryGetValue(row.EventId, out var known) && known != row.SessionId)
            {
                throw new InvalidDataException($"line {row.LineNumber}: eventId {row.EventId} is already in session {known}.");
            }

            sessions[row.EventId] = row.SessionId;
        }

        return sessions;
    }

    /// <summary>Reads the CSV: a header line, then one row per line; quoted fields may hold commas and doubled quotes.</summary>
    public static IReadOnlyList<TrivagoRow> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header != Header)
        {
            throw new InvalidDataException($"line 1: expected the header '{Header}', found '{header}'.");
        }

        var rows = new List<TrivagoRow>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitFields(line, lineNumber);
            if (fields.Count != ColumnCount)
            {
                throw new InvalidDataException($"line {lineNumber}: expected {ColumnCount} fields, found {fields.Count}.");
            }

            if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new InvalidDataException($"line {lineNumber}: timestamp '{fields[2]}' is not whole epoch seconds.");
            }

            rows.Add(new TrivagoRow(lineNumber, line, fields[0], fields[1], seconds, fields[3], fields[4], fields[5], fields[6], fields[7], fields[8]));
        }

        return rows;
    }

    /// <summary>RFC 4180 fields of one line; a quoted field cannot span lines (the dataset has none that do).</summary>
    internal static List<string> SplitFields(string line, int lineNumber)
    {
        var fields = new List<string>(ColumnCount);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"line {lineNumber}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
