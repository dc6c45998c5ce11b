using System.Globalization;
using JourneyMapper.Serialization.Records;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Plans one session as a realistic funnel: an entry (site landing, email click or app open), a journey
/// picked from the customer's buying propensity, and an exit. Every journey the default segment rules
/// know about occurs: bounces, window shopping, repeated product views, cart and checkout abandonment,
/// purchases and support contacts.
/// </summary>
internal sealed class JourneyScripts
{
    private const string Currency = "EUR";

    private static readonly string[] Campaigns =
    [
        "spring-sale", "newsletter-weekly", "new-arrivals", "back-in-stock", "loyalty-bonus",
    ];

    private static readonly string[] SearchEngines = ["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/"];
    private static readonly string[] SocialSites = ["https://www.facebook.com/", "https://www.instagram.com/", "https://t.co/"];
    private static readonly string[] SupportTopics = ["delivery", "returns", "payment", "sizing", "warranty"];
    private static readonly string[] SupportMedia = ["chat", "phone", "email"];
    private static readonly string[] PaymentMethods = ["card", "paypal", "klarna", "apple_pay"];

    private readonly ProductCatalogue _catalogue;
    private readonly Random _random;

    public JourneyScripts(ProductCatalogue catalogue, Random random)
    {
        _catalogue = catalogue;
        _random = random;
    }

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
    }

    public IReadOnlyList<ClickEvent> PlanSession(SyntheticCustomer customer, long startMillis)
    {
        var session = Enter(customer, startMillis);
        var journey = PickJourney(customer);
        if (journey == Journey.Bounce)
        {
            return session.Events;
        }

        var loggedIn = session.Device.IsApp;
        if (customer.IsKnown && !loggedIn && Chance(0.45))
        {
            session.Add(ClickEventTypes.Login, session.Url("/account/login"), properties: Props(("method", Chance(0.8) ? "password" : "sso")));
            loggedIn = true;
        }

        switch (journey)
        {
            case Journey.Browse:
                Browse(session, 2 + _random.Next(5));
                break;
            case Journey.Search:
                Search(session);
                if (Chance(0.4))
                {
                    Search(session);
                }

                break;
            case Journey.Research:
                Research(session);
                break;
            case Journey.CartAbandonment:
                FillCart(session);
                if (Chance(0.5))
                {
                    session.Add(ClickEventTypes.PageView, session.Url("/cart"));
                }

                break;
            case Journey.CheckoutAbandonment:
                StartCheckout(session, FillCart(session));
                if (Chance(0.5))
                {
                    session.Add(ClickEventTypes.PageView, session.Url("/checkout/payment"));
                }

                break;
            case Journey.Purchase:
                Purchase(session, FillCart(session));
                break;
            case Journey.Support:
                Support(session, customer);
                break;
        }

        if (loggedIn && !session.Device.IsApp && Chance(0.3))
        {
            session.Add(ClickEventTypes.Logout, session.Url("/account/logout"));
        }

        return session.Events;
    }

    private SessionBuilder Enter(SyntheticCustomer customer, long startMillis)
    {
        if (customer.App is { } app && Chance(0.35))
        {
            var pushCampaign = Chance(0.2) ? "push-" + Pick(Campaigns) : null;
            var appSession = new SessionBuilder(_random, customer, app, startMillis, pushCampaign, entryReferrer: null);
            appSession.Add(ClickEventTypes.AppOpen, appSession.Url("/home"), properties: Props(("appVersion", app.UserAgent.Split(' ')[0])));
            return appSession;
        }

        if (customer.IsKnown && Chance(0.15))
        {
            var campaign = Pick(Campaigns);
            var emailSession = new SessionBuilder(_random, customer, customer.Primary, startMillis, campaign, "https://mail.example.net/");
            var landing = emailSession.Url($"/landing/{campaign}?utm_source=newsletter&utm_campaign={campaign}");
            emailSession.Add(ClickEventTypes.EmailClick, landing, properties: Props(("emailId", Invariant($"mail-{campaign}-{customer.Index:D6}"))), channel: "email");
            emailSession.Add(ClickEventTypes.PageView, landing, pace: 0.05);
            return emailSession;
        }

        var roll = _random.NextDouble();
        var category = _random.Next(ProductCatalogue.CategoryCount);
        var (referrer, campaignOfAd) = roll switch
        {
            < 0.35 => ((string?)null, (string?)null),
            < 0.70 => (Pick(SearchEngines), null),
            < 0.85 => (Pick(SocialSites), null),
            _ => (Pick(SearchEngines), "paid-search-" + ProductCatalogue.CategoryName(category)),
        };

        var session = new SessionBuilder(_random, customer, customer.Primary, startMillis, campaignOfAd, referrer);
        if (referrer is not null && Chance(0.3))
        {
            // Search engines and ads often land visitors straight on a product page.
            ViewProduct(session, _catalogue.PickPopularIn(category, _random));
        }
        else if (campaignOfAd is not null || Chance(0.4))
        {
            ViewCategory(session, category);
        }
        else
        {
            session.Add(ClickEventTypes.PageView, session.Url("/"));
        }

        return session;
    }

    private Journey PickJourney(SyntheticCustomer customer)
    {
        // Weights in percent-ish; buying propensity moves mass towards purchases.
        Span<double> weights =
        [
            14, 18, 14, 9, 12, 8, 8 + (30 * customer.BuyingPropensity), customer.IsKnown ? 7 : 3,
        ];

        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var roll = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return (Journey)i;
            }
        }

        return Journey.Browse;
    }

    private void Browse(SessionBuilder session, int steps)
    {
        var product = _catalogue.PickPopular(_random);
        for (var i = 0; i < steps; i++)
        {
            if (Chance(0.35))
            {
                var category = _random.Next(ProductCatalogue.CategoryCount);
                ViewCategory(session, category);
                product = _catalogue.PickPopularIn(category, _random);
            }
            else
            {
                ViewProduct(session, product);
                product = Chance(0.6) ? _catalogue.PickRelated(product, _random) : _catalogue.PickPopular(_random);
            }
        }
    }

    private int Search(SessionBuilder session)
    {
        var category = _random.Next(ProductCatalogue.CategoryCount);
        var term = ProductCatalogue.SearchTerm(category, _random);
        session.Add(
            ClickEventTypes.Search,
            session.Url("/search?q=" + Uri.EscapeDataString(term)),
            properties: Props(("query", term), ("results", Invariant($"{_random.Next(1, 120)}"))));

        var product = _catalogue.PickPopularIn(category, _random);
        var views = 1 + _random.Next(3);
        for (var i = 0; i < views; i++)
        {
            if (i > 0)
            {
                product = _catalogue.PickRelated(product, _random);
            }

            ViewProduct(session, product);
        }

        return product;
    }

    /// <summary>The high-intent pattern: one product viewed again and again, maybe carted or asked about, never bought.</summary>
    private void Research(SessionBuilder session)
    {
        var product = Chance(0.5) ? Search(session) : _catalogue.PickPopular(_random);
        var views = 3 + _random.Next(3);
        for (var i = 0; i < views; i++)
        {
            ViewProduct(session, product);
            if (Chance(0.3))
            {
                ViewProduct(session, _catalogue.PickRelated(product, _random));
            }
        }

        if (Chance(0.4))
        {
            AddToCart(session, product, 1);
        }

        if (Chance(0.25))
        {
            session.Add(
                ClickEventTypes.SupportContact,
                session.Url("/help/product"),
                ProductCatalogue.Id(product),
                Props(("topic", "sizing"), ("medium", Pick(SupportMedia))),
                channel: "support");
        }
    }

    private List<(int Product, int Quantity)> FillCart(SessionBuilder session)
    {
        var cart = new List<(int Product, int Quantity)>();
        var product = Chance(0.5) ? Search(session) : _catalogue.PickPopular(_random);
        if (Chance(0.5))
        {
            Browse(session, 1 + _random.Next(3));
        }

        // Looking at a product twice before deciding is common.
        ViewProduct(session, product);
        if (Chance(0.3))
        {
            ViewProduct(session, product);
        }

        var quantity = Chance(0.1) ? 2 : 1;
        AddToCart(session, product, quantity);
        cart.Add((product, quantity));

        var more = _random.Next(3);
        for (var i = 0; i < more; i++)
        {
            var next = _catalogue.PickRelated(product, _random);
            ViewProduct(session, next);
            if (Chance(0.6))
            {
                AddToCart(session, next, 1);
                cart.Add((next, 1));
            }
        }

        if (cart.Count > 1 && Chance(0.3))
        {
            var removed = cart[^1];
            cart.RemoveAt(cart.Count - 1);
            session.Add(
                ClickEventTypes.RemoveFromCart,
                session.Url("/cart"),
                ProductCatalogue.Id(removed.Product),
                Props(("quantity", Invariant($"{removed.Quantity}"))));
        }

        return cart;
    }

    private void StartCheckout(SessionBuilder session, List<(int Product, int Quantity)> cart)
    {
        session.Add(ClickEventTypes.PageView, session.Url("/cart"));
        session.Add(
            ClickEventTypes.CheckoutStart,
            session.Url("/checkout"),
            properties: Props(("items", Invariant($"{ItemCount(cart)}")), ("value", Money(Total(cart))), ("currency", Currency)));
    }

    private void Purchase(SessionBuilder session, List<(int Product, int Quantity)> cart)
    {
        StartCheckout(session, cart);
        var orderId = Invariant($"ord-{session.LastTimestamp:x}-{session.Device.DeviceId}");
        session.Add(
            ClickEventTypes.Purchase,
            session.Url("/checkout/confirmation"),
            cart.Count == 1 ? ProductCatalogue.Id(cart[0].Product) : null,
            Props(
                ("currency", Currency),
                ("price", Money(Total(cart))),
                ("items", Invariant($"{ItemCount(cart)}")),
                ("orderId", orderId),
                ("paymentMethod", Pick(PaymentMethods))));

        if (Chance(0.3))
        {
            Feedback(session);
        }
    }

    private void Support(SessionBuilder session, SyntheticCustomer customer)
    {
        if (customer.IsKnown && Chance(0.6))
        {
            session.Add(ClickEventTypes.PageView, session.Url("/account/orders"));
        }

        var topic = Pick(SupportTopics);
        session.Add(ClickEventTypes.PageView, session.Url("/help/" + topic));
        session.Add(
            ClickEventTypes.SupportContact,
            session.Url("/help/" + topic + "/contact"),
            properties: Props(("topic", topic), ("medium", Pick(SupportMedia))),
            channel: "support");

        if (Chance(0.4))
        {
            Feedback(session);
        }
    }

    private void Feedback(SessionBuilder session) =>
        session.Add(ClickEventTypes.Feedback, session.Url("/feedback"), properties: Props(("rating", Invariant($"{1 + _random.Next(5)}"))));

    private static void ViewCategory(SessionBuilder session, int category) =>
        session.Add(ClickEventTypes.PageView, session.Url("/category/" + ProductCatalogue.CategoryName(category)));

    private void ViewProduct(SessionBuilder session, int product) =>
        session.Add(
            ClickEventTypes.ProductView,
            session.Url("/product/" + ProductCatalogue.Id(product)),
            ProductCatalogue.Id(product),
            Props(("category", ProductCatalogue.CategoryName(ProductCatalogue.Category(product))), ("price", Money(_catalogue.Price(product))), ("currency", Currency)));

    private void AddToCart(SessionBuilder session, int product, int quantity) =>
        session.Add(
            ClickEventTypes.AddToCart,
            session.Url("/product/" + ProductCatalogue.Id(product)),
            ProductCatalogue.Id(product),
            Props(("quantity", Invariant($"{quantity}")), ("price", Money(_catalogue.Price(product))), ("currency", Currency)),
            pace: 0.3);

    private decimal Total(List<(int Product, int Quantity)> cart)
    {
        var total = 0m;
        foreach (var (product, quantity) in cart)
        {
            total += _catalogue.Price(product) * quantity;
        }

        return total;
    }

    private static int ItemCount(List<(int Product, int Quantity)> cart)
    {
        var count = 0;
        foreach (var line in cart)
        {
            count += line.Quantity;
        }

        return count;
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static EventProperties Props(params ReadOnlySpan<(string Key, string Value)> entries)
    {
        var properties = new EventProperties.Builder();
        foreach (var (key, value) in entries)
        {
            properties.Set(key, value);
        }

        return properties.ToProperties();
    }
}
