using System.Globalization;

namespace JourneyMapper.Tools.Generator;

/// <summary>A device a customer uses; web browsers and the shop app report different channels.</summary>
internal sealed record CustomerDevice(string DeviceId, string Channel, string UserAgent, string IpAddress, bool IsApp);

/// <summary>
/// One simulated visitor. Known customers always carry their userId (remembered login), so every event of
/// theirs is keyed by it; anonymous visitors are keyed by a cookie id and never log in.
/// </summary>
internal sealed class SyntheticCustomer
{
    private static readonly string[] BrowserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0",
    ];

    private static readonly string[] MobileBrowserAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
    ];

    private static readonly string[] AppAgents =
    [
        "JourneyShop/5.3.1 (iOS 17.4; iPhone15,2)",
        "JourneyShop/5.3.0 (Android 14; SM-S918B)",
    ];

    private SyntheticCustomer(int index, string? userId, string anonymousId, CustomerDevice primary, CustomerDevice? app, double buyingPropensity)
    {
        Index = index;
        UserId = userId;
        AnonymousId = anonymousId;
        Primary = primary;
        App = app;
        BuyingPropensity = buyingPropensity;
    }

    public int Index { get; }
    public string? UserId { get; }
    public string AnonymousId { get; }
    public CustomerDevice Primary { get; }

    /// <summary>The shop app, for known customers who installed it; app sessions start with app_open.</summary>
    public CustomerDevice? App { get; }

    /// <summary>0..1: how likely this customer's sessions end in a purchase rather than browsing.</summary>
    public double BuyingPropensity { get; }

    public bool IsKnown => UserId is not null;

    public static SyntheticCustomer Create(int index, double anonymousShare, Random random)
    {
        var anonymous = random.NextDouble() < anonymousShare;
        var userId = anonymous ? null : string.Create(CultureInfo.InvariantCulture, $"user-{index:D6}");

        // The index keeps ids unique; the random part makes them look like cookie ids.
        var anonymousId = string.Create(CultureInfo.InvariantCulture, $"anon-{random.Next():x8}-{index:D6}");

        var onPhone = random.NextDouble() < 0.35;
        var primary = new CustomerDevice(
            string.Create(CultureInfo.InvariantCulture, $"dev-{random.Next():x8}{index:x4}"),
            onPhone ? "mobile" : "web",
            onPhone ? Pick(MobileBrowserAgents, random) : Pick(BrowserAgents, random),
            RandomIp(random),
            IsApp: false);

        CustomerDevice? app = null;
        if (!anonymous && random.NextDouble() < 0.4)
        {
            app = new CustomerDevice(
                string.Create(CultureInfo.InvariantCulture, $"app-{random.Next():x8}{index:x4}"),
                "mobile",
                Pick(AppAgents, random),
                RandomIp(random),
                IsApp: true);
        }

        // Skewed so most customers rarely buy and a few buy often.
        var propensity = Math.Pow(random.NextDouble(), 2);
        return new SyntheticCustomer(index, userId, anonymousId, primary, app, propensity);
    }

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];

    private static string RandomIp(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}");
}
