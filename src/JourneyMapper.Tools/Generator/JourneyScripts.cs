namespace JourneyMapper.Tools.Generator;

/// <summary>
/// Plans one session as a realistic funnel: an entry (site landing, email click or app open), a journey
/// picked from the customer's buying propensity, and an exit. Every journey the default segment rules
/// know about occurs: bounces, window shopping, repeated product views, cart and checkout abandonment,
/// purchases and support contacts. Every choice is drawn from the shared random stream in a fixed order, so the
/// same seed plans the same sessions.
/// </summary>
internal sealed class JourneyScripts
{
    private const string EmailReferrer = "https://mail.example.net/";

    private static readonly string[] SearchEngines = ["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/"];
    private static readonly string[] SocialSites = ["https://www.facebook.com/", "https://www.instagram.com/", "https://t.co/"];

    // Campaign names are made once, as every session of theirs carries the same string.
    private static readonly string[] PushCampaigns = [.. ShopVocabulary.Campaigns.Select(campaign => "push-" + campaign)];
    private static readonly string[] PaidSearchCampaigns =
        [.. Enumerable.Range(0, ProductCatalogue.CategoryCount).Select(category => "paid-search-" + ProductCatalogue.CategoryName(category))];

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

    /// <summary>Refills the customer's <paramref name="session"/> with a session starting at <paramref name="startMillis"/>.</summary>
    public void PlanSession(SessionPlan session, long startMillis)
    {
        var customer = session.Customer;
        Enter(session, startMillis);
        var journey = PickJourney(customer);
        if (journey == Journey.Bounce)
        {
            return;
        }

        var loggedIn = session.Device.IsApp;
        if (customer.IsKnown && !loggedIn && Chance(0.45))
        {
            // Mostly by password (the first login method), now and then by single sign-on.
            session.Add(new(ClickStep.Login, Option: (byte)(Chance(0.8) ? 0 : 1)));
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
                    session.Add(new(ClickStep.CartPage));
                }

                break;
            case Journey.CheckoutAbandonment:
                StartCheckout(session, FillCart(session));
                if (Chance(0.5))
                {
                    session.Add(new(ClickStep.PaymentPage));
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
            session.Add(new(ClickStep.Logout));
        }
    }

    private void Enter(SessionPlan session, long startMillis)
    {
        var customer = session.Customer;
        if (customer.App is { } app && Chance(0.35))
        {
            session.Begin(app, startMillis, Chance(0.2) ? Pick(PushCampaigns) : null, entryReferrer: null);
            session.Add(new(ClickStep.AppOpen));
            return;
        }

        if (customer.IsKnown && Chance(0.15))
        {
            var campaign = PickIndex(ShopVocabulary.Campaigns);
            session.Begin(customer.Primary, startMillis, ShopVocabulary.Campaigns[campaign], EmailReferrer);
            session.Add(new(ClickStep.EmailClick, campaign));
            session.Add(new(ClickStep.EmailLanding, campaign), pace: 0.05);
            return;
        }

        var roll = _random.NextDouble();
        var category = _random.Next(ProductCatalogue.CategoryCount);
        var (referrer, campaignOfAd) = roll switch
        {
            < 0.35 => ((string?)null, (string?)null),
            < 0.70 => (Pick(SearchEngines), null),
            < 0.85 => (Pick(SocialSites), null),
            _ => (Pick(SearchEngines), PaidSearchCampaigns[category]),
        };

        session.Begin(customer.Primary, startMillis, campaignOfAd, referrer);
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
            session.Add(new(ClickStep.FrontPage));
        }
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

    private void Browse(SessionPlan session, int steps)
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

    private int Search(SessionPlan session)
    {
        var category = _random.Next(ProductCatalogue.CategoryCount);
        var term = ProductCatalogue.PickSearchTerm(category, _random);
        session.Add(new(ClickStep.Search, term, Count: _random.Next(1, 120)));

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
    private void Research(SessionPlan session)
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
            session.Add(new(ClickStep.ProductQuestion, product, Option: PickIndex(ShopVocabulary.SupportMedia)));
        }
    }

    private List<(int Product, int Quantity)> FillCart(SessionPlan session)
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
            session.Add(new(ClickStep.RemoveFromCart, removed.Product, Count: removed.Quantity));
        }

        return cart;
    }

    private void StartCheckout(SessionPlan session, List<(int Product, int Quantity)> cart)
    {
        session.Add(new(ClickStep.CartPage));
        session.Add(new(ClickStep.CheckoutStart, Count: ItemCount(cart), Cents: Cents(cart)));
    }

    private void Purchase(SessionPlan session, List<(int Product, int Quantity)> cart)
    {
        StartCheckout(session, cart);
        session.Add(new(
            ClickStep.Purchase,
            cart.Count == 1 ? cart[0].Product : -1,
            Option: PickIndex(ShopVocabulary.PaymentMethods),
            Count: ItemCount(cart),
            Cents: Cents(cart)));

        if (Chance(0.3))
        {
            Feedback(session);
        }
    }

    private void Support(SessionPlan session, SyntheticCustomer customer)
    {
        if (customer.IsKnown && Chance(0.6))
        {
            session.Add(new(ClickStep.OrdersPage));
        }

        var topic = PickIndex(ShopVocabulary.SupportTopics);
        session.Add(new(ClickStep.HelpPage, topic));
        session.Add(new(ClickStep.SupportContact, topic, Option: PickIndex(ShopVocabulary.SupportMedia)));

        if (Chance(0.4))
        {
            Feedback(session);
        }
    }

    private void Feedback(SessionPlan session) => session.Add(new(ClickStep.Feedback, Count: 1 + _random.Next(5)));

    private static void ViewCategory(SessionPlan session, int category) => session.Add(new(ClickStep.CategoryPage, category));

    private static void ViewProduct(SessionPlan session, int product) => session.Add(new(ClickStep.ProductView, product));

    private static void AddToCart(SessionPlan session, int product, int quantity) =>
        session.Add(new(ClickStep.AddToCart, product, Count: quantity), pace: 0.3);

    /// <summary>The cart's value in cents; prices have two decimals, so it is exact.</summary>
    private int Cents(List<(int Product, int Quantity)> cart)
    {
        var total = 0m;
        foreach (var (product, quantity) in cart)
        {
            total += _catalogue.Price(product) * quantity;
        }

        return decimal.ToInt32(total * 100);
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

    // The same draw as Pick, for words the planned click holds by their index.
    private byte PickIndex(string[] values) => (byte)_random.Next(values.Length);
}
