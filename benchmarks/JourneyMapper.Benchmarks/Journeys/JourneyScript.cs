using System.Globalization;

namespace JourneyMapper.Benchmarks.Journeys;

/// <summary>One planned step of a session, before it gets its time, id and customer.</summary>
internal readonly record struct PlannedStep(string EventType, string PageUrl, string? ProductId, Dictionary<string, string>? Properties);

/// <summary>
/// Plans one session as a shop funnel, with the mix of journeys the default segment rules tell apart: bounces,
/// browsing, searches, repeated views of one product, cart and checkout abandonment, purchases, support contacts,
/// a few long sessions past the 50-event path cap and a few bots hammering one page. Products are skewed like a
/// shop's bestsellers (low ids are viewed most), so repeated product and page views happen as they do in real data.
/// </summary>
internal sealed class JourneyScript(Random random)
{
    public const int Products = 20_000;
    private const string Root = "https://shop.example.com";

    private static readonly string[] Categories = ["shoes", "jackets", "bags", "watches", "kitchen", "garden", "books", "toys", "electronics", "beauty"];
    private static readonly string[] SearchTerms = ["running+shoes", "rain+jacket", "backpack", "smart+watch", "coffee+grinder", "lego", "headphones", "sunscreen"];
    private static readonly string[] HelpTopics = ["delivery", "returns", "payment", "sizing"];
    private static readonly Dictionary<string, string> Results = new() { ["results"] = "24" };

    // The journeys and their weights (percent); they give about 10 events per session on average.
    private static readonly (Journey Journey, double Weight)[] Mix =
    [
        (Journey.Bounce, 14), (Journey.Browse, 22), (Journey.Search, 14), (Journey.Research, 10), (Journey.CartAbandonment, 13),
        (Journey.CheckoutAbandonment, 7), (Journey.Purchase, 13), (Journey.Support, 5.5), (Journey.Marathon, 1.2), (Journey.Bot, 0.3),
    ];

    private enum Journey
    {
        Bounce,
        Browse,
        Search,
        Research,
        CartAbandonment,
        CheckoutAbandonment,
        Purchase,
        Support,
        Marathon,
        Bot,
    }

    public void Plan(List<PlannedStep> steps)
    {
        steps.Clear();
        var journey = Pick();
        if (journey == Journey.Bot)
        {
            var url = $"{Root}/c/{Categories[random.Next(Categories.Length)]}?page=1";
            for (var i = 30 + random.Next(30); i > 0; i--)
            {
                steps.Add(new PlannedStep("page_view", url, null, null));
            }

            return;
        }

        Enter(steps);
        switch (journey)
        {
            case Journey.Browse:
                Browse(steps, 4 + random.Next(12));
                break;
            case Journey.Search:
                Search(steps);
                Browse(steps, random.Next(8));
                break;
            case Journey.Research:
                Research(steps);
                break;
            case Journey.CartAbandonment:
                FillCart(steps);
                break;
            case Journey.CheckoutAbandonment:
                FillCart(steps);
                steps.Add(new PlannedStep("checkout_start", $"{Root}/checkout", null, null));
                break;
            case Journey.Purchase:
                var product = FillCart(steps);
                steps.Add(new PlannedStep("checkout_start", $"{Root}/checkout", null, null));
                steps.Add(new PlannedStep("purchase", $"{Root}/checkout/confirmation", product, Priced(product, "items", "1")));
                break;
            case Journey.Support:
                Browse(steps, random.Next(4));
                var topic = HelpTopics[random.Next(HelpTopics.Length)];
                steps.Add(new PlannedStep("page_view", $"{Root}/help/{topic}", null, null));
                steps.Add(new PlannedStep("support_contact", $"{Root}/help/{topic}/contact", null, null));
                break;
            case Journey.Marathon:
                Browse(steps, 50 + random.Next(40));
                break;
        }
    }

    /// <summary>A bestseller-skewed product: low ids are picked far more often.</summary>
    public string PopularProduct() => ProductId((int)(Products * Math.Pow(random.NextDouble(), 2.5)));

    private Journey Pick()
    {
        var roll = random.NextDouble() * 100;
        foreach (var (journey, weight) in Mix)
        {
            roll -= weight;
            if (roll < 0)
            {
                return journey;
            }
        }

        return Journey.Browse;
    }

    private void Enter(List<PlannedStep> steps)
    {
        var roll = random.NextDouble();
        if (roll < 0.08)
        {
            steps.Add(new PlannedStep("app_open", "app://journeyshop/home", null, null));
        }
        else if (roll < 0.13)
        {
            steps.Add(new PlannedStep("email_click", $"{Root}/landing/spring-sale?utm_source=newsletter", null, null));
        }
        else if (roll < 0.45)
        {
            ViewProduct(steps, PopularProduct());
        }
        else
        {
            steps.Add(new PlannedStep("page_view", roll < 0.7 ? Root + "/" : $"{Root}/c/{Categories[random.Next(Categories.Length)]}", null, null));
        }
    }

    private void Browse(List<PlannedStep> steps, int count)
    {
        var product = PopularProduct();
        for (var i = 0; i < count; i++)
        {
            if (random.NextDouble() < 0.3)
            {
                steps.Add(new PlannedStep("page_view", $"{Root}/c/{Categories[random.Next(Categories.Length)]}", null, null));
            }
            else
            {
                ViewProduct(steps, product);
                product = random.NextDouble() < 0.2 ? product : PopularProduct();
            }
        }
    }

    private string Search(List<PlannedStep> steps)
    {
        steps.Add(new PlannedStep("search", $"{Root}/search?q={SearchTerms[random.Next(SearchTerms.Length)]}", null, Results));
        var product = "";
        for (var i = 1 + random.Next(3); i > 0; i--)
        {
            product = PopularProduct();
            ViewProduct(steps, product);
        }

        return product;
    }

    // The high-intent pattern of SPEC.md: one product viewed again and again, never bought.
    private void Research(List<PlannedStep> steps)
    {
        var product = random.NextDouble() < 0.5 ? Search(steps) : PopularProduct();
        for (var i = 3 + random.Next(4); i > 0; i--)
        {
            ViewProduct(steps, product);
            if (random.NextDouble() < 0.4)
            {
                ViewProduct(steps, PopularProduct());
            }
        }
    }

    private string FillCart(List<PlannedStep> steps)
    {
        var product = random.NextDouble() < 0.5 ? Search(steps) : PopularProduct();
        Browse(steps, random.Next(6));
        ViewProduct(steps, product);
        steps.Add(new PlannedStep("add_to_cart", $"{Root}/p/{product}", product, Priced(product, "quantity", "1")));
        if (random.NextDouble() < 0.3)
        {
            var other = PopularProduct();
            ViewProduct(steps, other);
            steps.Add(new PlannedStep("add_to_cart", $"{Root}/p/{other}", other, Priced(other, "quantity", "1")));
            if (random.NextDouble() < 0.3)
            {
                steps.Add(new PlannedStep("remove_from_cart", $"{Root}/cart", other, null));
            }
        }

        steps.Add(new PlannedStep("page_view", $"{Root}/cart", null, null));
        return product;
    }

    private static void ViewProduct(List<PlannedStep> steps, string product) =>
        steps.Add(new PlannedStep("product_view", $"{Root}/p/{product}", product, Priced(product, null, null)));

    private static Dictionary<string, string> Priced(string product, string? key, string? value)
    {
        var properties = new Dictionary<string, string> { ["currency"] = "EUR", ["price"] = Price(product) };
        if (key is not null)
        {
            properties[key] = value!;
        }

        return properties;
    }

    // Log-uniform between 5 and 500 with shop-style .90 endings, fixed per product (a hash of its number).
    private static string Price(string product)
    {
        var spread = (uint)(int.Parse(product.AsSpan(4), CultureInfo.InvariantCulture) * 2_654_435_761u) / (double)uint.MaxValue;
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(5 * Math.Pow(100, spread)) + 0.9:F2}");
    }

    private static string ProductId(int index) => string.Create(CultureInfo.InvariantCulture, $"sku-{100_000 + index}");
}
